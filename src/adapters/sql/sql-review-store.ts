import type { Kysely } from 'kysely';
import type { ReviewId } from '../../core/follow-up/planned-send';
import type { ReviewStore } from '../../core/ports/review-store';
import type { ReviewAnswer } from '../../core/follow-up/review-answer';
import type { Database, ReviewAnswersTable } from './schema';

/** Review preparations and outcomes in SQL: one row per programme, team, review and kind. */
export class SqlReviewStore implements ReviewStore {
  constructor(private readonly db: Kysely<Database>) {}

  async save(answer: ReviewAnswer): Promise<boolean> {
    const result = await this.db
      .insertInto('review_answers')
      .values({
        programme_id: answer.programmeId,
        team_id: answer.teamId,
        review: answer.review,
        kind: answer.kind,
        data: JSON.stringify({ fields: answer.fields, answeredBy: answer.answeredBy }),
        answered_by: answer.answeredBy.aadId,
        answered_at: answer.answeredAt.toISOString(),
        revision: answer.revision,
      })
      .onConflict((oc) =>
        oc
          .columns(['programme_id', 'team_id', 'review', 'kind'])
          .doUpdateSet((eb) => ({
            data: eb.ref('excluded.data'),
            answered_by: eb.ref('excluded.answered_by'),
            answered_at: eb.ref('excluded.answered_at'),
            revision: eb.ref('excluded.revision'),
          }))
          // Compare and set: only over the revision this answer was made from.
          .where('review_answers.revision', '=', answer.revision - 1),
      )
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async get(
    programmeId: string,
    teamId: string,
    review: ReviewId,
    kind: ReviewAnswer['kind'],
  ): Promise<ReviewAnswer | undefined> {
    const row = await this.db
      .selectFrom('review_answers')
      .selectAll()
      .where('programme_id', '=', programmeId)
      .where('team_id', '=', teamId)
      .where('review', '=', review)
      .where('kind', '=', kind)
      .executeTakeFirst();
    return row === undefined ? undefined : toAnswer(row);
  }

  async listByTeam(programmeId: string, teamId: string): Promise<ReviewAnswer[]> {
    const rows = await this.db
      .selectFrom('review_answers')
      .selectAll()
      .where('programme_id', '=', programmeId)
      .where('team_id', '=', teamId)
      .execute();
    // December before March, preparation before outcome: the order the year happens in.
    const rank = (row: ReviewAnswersTable): string =>
      `${row.review === 'december' ? 0 : 1}${row.kind === 'preparation' ? 0 : 1}`;
    return rows.sort((a, b) => rank(a).localeCompare(rank(b))).map(toAnswer);
  }
}

function toAnswer(row: ReviewAnswersTable): ReviewAnswer {
  const data = JSON.parse(row.data) as Pick<ReviewAnswer, 'fields' | 'answeredBy'>;
  return {
    kind: row.kind,
    fields: data.fields,
    answeredBy: data.answeredBy,
    programmeId: row.programme_id,
    teamId: row.team_id,
    review: row.review as ReviewId,
    answeredAt: new Date(row.answered_at),
    revision: Number(row.revision),
  } as ReviewAnswer;
}
