import type { Kysely } from 'kysely';
import type {
  PendingMembers,
  PendingMembershipStore,
} from '../../core/ports/pending-membership-store';
import type { TeamPerson } from '../../core/programmes/programme-team';
import type { Database } from './schema';

/** The people waiting to be added to a programme's Teams team, in `team_membership_pending`. */
export class SqlPendingMembershipStore implements PendingMembershipStore {
  constructor(private readonly db: Kysely<Database>) {}

  async record(
    pending: { programmeId: string; teamGroupId: string },
    tried: readonly string[],
    waiting: readonly TeamPerson[],
    now: Date,
  ): Promise<void> {
    // Who still waits keeps the time they started waiting: only the others leave the list.
    const still = new Set(waiting.map((person) => person.aadId.toLowerCase()));
    const settled = tried.map((id) => id.toLowerCase()).filter((id) => !still.has(id));
    await this.db.transaction().execute(async (trx) => {
      if (settled.length > 0) {
        await trx
          .deleteFrom('team_membership_pending')
          .where('team_group_id', '=', pending.teamGroupId)
          .where('aad_id', 'in', settled)
          .execute();
      }
      for (const person of waiting) {
        await trx
          .insertInto('team_membership_pending')
          .values({
            team_group_id: pending.teamGroupId,
            aad_id: person.aadId.toLowerCase(),
            programme_id: pending.programmeId,
            name: person.name,
            organisation_id: person.organisationId,
            since: now.toISOString(),
          })
          .onConflict((oc) =>
            oc.columns(['team_group_id', 'aad_id']).doUpdateSet({
              programme_id: pending.programmeId,
              name: person.name,
              organisation_id: person.organisationId,
            }),
          )
          .execute();
      }
    });
  }

  async list(): Promise<PendingMembers[]> {
    const rows = await this.db
      .selectFrom('team_membership_pending')
      .selectAll()
      .orderBy('since')
      .orderBy('aad_id')
      .execute();
    const teams = new Map<string, PendingMembers>();
    for (const row of rows) {
      let team = teams.get(row.team_group_id);
      if (team === undefined) {
        team = { programmeId: row.programme_id, teamGroupId: row.team_group_id, people: [] };
        teams.set(row.team_group_id, team);
      }
      team.people.push({ aadId: row.aad_id, name: row.name, organisationId: row.organisation_id });
    }
    return [...teams.values()];
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('team_membership_pending')
      .select((eb) => eb.fn.countAll<string | number>().as('count'))
      .executeTakeFirst();
    return Number(row?.count ?? 0);
  }
}
