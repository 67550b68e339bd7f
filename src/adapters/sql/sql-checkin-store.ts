import type { Kysely } from 'kysely';
import type { CheckinAnswer, CheckinFields, Answerer } from '../../core/follow-up/checkin-answer';
import type { CheckinStore } from '../../core/ports/checkin-store';
import { reusableQuery } from './reusable-query';
import type { CheckinAnswersTable, Database } from './schema';

type StoredFields = CheckinFields & { answeredBy: Answerer };

/** Check-in answers in SQL: one row per programme, team and month; an edit replaces the row. */
export class SqlCheckinStore implements CheckinStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** Compare and set: written only over the revision this answer was made from. */
  private readonly saveQuery = reusableQuery(
    () => this.db,
    10,
    (
      programmeId: string,
      teamId: string,
      month: string,
      data: string,
      answeredBy: string,
      answeredAt: string,
      firstAnsweredAt: string,
      late: number,
      revision: number,
      previousRevision: number,
    ) =>
      this.db
        .insertInto('checkin_answers')
        .values({
          programme_id: programmeId,
          team_id: teamId,
          month,
          data,
          answered_by: answeredBy,
          answered_at: answeredAt,
          first_answered_at: firstAnsweredAt,
          late,
          revision,
        })
        .onConflict((oc) =>
          oc
            .columns(['programme_id', 'team_id', 'month'])
            .doUpdateSet((eb) => ({
              data: eb.ref('excluded.data'),
              answered_by: eb.ref('excluded.answered_by'),
              answered_at: eb.ref('excluded.answered_at'),
              first_answered_at: eb.ref('excluded.first_answered_at'),
              late: eb.ref('excluded.late'),
              revision: eb.ref('excluded.revision'),
            }))
            .where('checkin_answers.revision', '=', previousRevision),
        ),
  );

  private readonly getQuery = reusableQuery(
    () => this.db,
    3,
    (programmeId: string, teamId: string, month: string) =>
      this.db
        .selectFrom('checkin_answers')
        .selectAll()
        .where('programme_id', '=', programmeId)
        .where('team_id', '=', teamId)
        .where('month', '=', month),
  );

  async save(answer: CheckinAnswer): Promise<boolean> {
    const data: StoredFields = {
      status: answer.status,
      progress: answer.progress,
      done: answer.done,
      nextSteps: answer.nextSteps,
      help: answer.help,
      indicators: answer.indicators,
      answeredBy: answer.answeredBy,
    };
    const result = await this.saveQuery(
      answer.programmeId,
      answer.teamId,
      answer.month,
      JSON.stringify(data),
      answer.answeredBy.aadId,
      answer.answeredAt.toISOString(),
      answer.firstAnsweredAt.toISOString(),
      answer.late ? 1 : 0,
      answer.revision,
      answer.revision - 1,
    );
    return Number(result.numAffectedRows ?? 0) === 1;
  }

  async get(
    programmeId: string,
    teamId: string,
    month: string,
  ): Promise<CheckinAnswer | undefined> {
    const [row] = (await this.getQuery(programmeId, teamId, month)).rows;
    return row === undefined ? undefined : toAnswer(row);
  }

  async listByTeam(programmeId: string, teamId: string): Promise<CheckinAnswer[]> {
    const rows = await this.db
      .selectFrom('checkin_answers')
      .selectAll()
      .where('programme_id', '=', programmeId)
      .where('team_id', '=', teamId)
      .orderBy('month')
      .execute();
    return rows.map(toAnswer);
  }
}

function toAnswer(row: CheckinAnswersTable): CheckinAnswer {
  const data = JSON.parse(row.data) as StoredFields;
  return {
    ...data,
    programmeId: row.programme_id,
    teamId: row.team_id,
    month: row.month,
    answeredAt: new Date(row.answered_at),
    firstAnsweredAt: new Date(row.first_answered_at),
    late: Number(row.late) === 1,
    revision: Number(row.revision),
  };
}
