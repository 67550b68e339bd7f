import type { Kysely, Transaction } from 'kysely';
import type { ProgrammeTeamStore } from '../../core/ports/programme-team-store';
import type { ProgrammeTeam } from '../../core/programmes/programme-team';
import { reusableQuery } from './reusable-query';
import type { Database } from './schema';

/** Formed teams in SQL: the team as JSON, plus one row per person and role for lookups. */
export class SqlProgrammeTeamStore implements ProgrammeTeamStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private readonly getQuery = reusableQuery(
    () => this.db,
    2,
    (programmeId: string, teamId: string) =>
      this.db
        .selectFrom('programme_teams')
        .select('data')
        .where('programme_id', '=', programmeId)
        .where('team_id', '=', teamId),
  );

  private readonly listForPersonQuery = reusableQuery(
    () => this.db,
    1,
    (aadId: string) =>
      this.db
        .selectFrom('programme_teams')
        .select('data')
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('programme_team_people')
              .select('aad_id')
              .whereRef('programme_team_people.programme_id', '=', 'programme_teams.programme_id')
              .whereRef('programme_team_people.team_id', '=', 'programme_teams.team_id')
              .where('programme_team_people.aad_id', '=', aadId),
          ),
        )
        .orderBy('programme_id')
        .orderBy('number'),
  );

  async replaceAll(programmeId: string, teams: readonly ProgrammeTeam[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('programme_team_people')
        .where('programme_id', '=', programmeId)
        .execute();
      await trx.deleteFrom('programme_teams').where('programme_id', '=', programmeId).execute();
      for (const team of teams) await this.write(trx, { ...team, programmeId });
    });
  }

  async save(team: ProgrammeTeam): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('programme_team_people')
        .where('programme_id', '=', team.programmeId)
        .where('team_id', '=', team.id)
        .execute();
      await trx
        .deleteFrom('programme_teams')
        .where('programme_id', '=', team.programmeId)
        .where('team_id', '=', team.id)
        .execute();
      await this.write(trx, team);
    });
  }

  async get(programmeId: string, teamId: string): Promise<ProgrammeTeam | undefined> {
    const [row] = (await this.getQuery(programmeId, teamId)).rows;
    return row === undefined ? undefined : (JSON.parse(row.data) as ProgrammeTeam);
  }

  async listByProgramme(programmeId: string): Promise<ProgrammeTeam[]> {
    const rows = await this.db
      .selectFrom('programme_teams')
      .select('data')
      .where('programme_id', '=', programmeId)
      .orderBy('number')
      .execute();
    return rows.map((row) => JSON.parse(row.data) as ProgrammeTeam);
  }

  async listForPerson(aadId: string): Promise<ProgrammeTeam[]> {
    const { rows } = await this.listForPersonQuery(aadId);
    return rows.map((row) => JSON.parse(row.data) as ProgrammeTeam);
  }

  private async write(trx: Transaction<Database>, team: ProgrammeTeam): Promise<void> {
    await trx
      .insertInto('programme_teams')
      .values({
        programme_id: team.programmeId,
        team_id: team.id,
        number: team.number,
        data: JSON.stringify(team),
        updated_at: this.now().toISOString(),
      })
      .execute();
    const people = new Map<string, { aad_id: string; role: string }>();
    const add = (aadId: string, role: string): void => {
      people.set(`${aadId}|${role}`, { aad_id: aadId, role });
    };
    add(team.leadAadId, 'lead');
    team.members.forEach((m) => add(m.aadId, 'member'));
    team.facilitators.forEach((f) => add(f.aadId, 'facilitator'));
    await trx
      .insertInto('programme_team_people')
      .values(
        [...people.values()].map((p) => ({
          ...p,
          programme_id: team.programmeId,
          team_id: team.id,
        })),
      )
      .execute();
  }
}
