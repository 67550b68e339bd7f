import type { Kysely } from 'kysely';
import type { Answerer, CheckinAnswer, CheckinFields } from '../../core/follow-up/checkin-answer';
import type { ReviewId } from '../../core/follow-up/planned-send';
import type { FollowUpAnswerSource } from '../../core/ports/follow-up-answer-source';
import type { ReviewAnswer } from '../../core/follow-up/review-answer';
import type { Database } from './schema';

/**
 * A programme's check-in and review answers in one query each (migration 0007's tables, as
 * SqlCheckinStore and SqlReviewStore write them), for the review meetings' export.
 */
export class SqlFollowUpAnswers implements FollowUpAnswerSource {
  constructor(private readonly db: Kysely<Database>) {}

  async listCheckins(programmeId: string): Promise<CheckinAnswer[]> {
    const rows = await this.db
      .selectFrom('checkin_answers')
      .selectAll()
      .where('programme_id', '=', programmeId)
      .orderBy('team_id')
      .orderBy('month')
      .execute();
    return rows.map((row) => {
      const data = JSON.parse(row.data) as CheckinFields & { answeredBy: Answerer };
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
    });
  }

  async listReviews(programmeId: string): Promise<ReviewAnswer[]> {
    const rows = await this.db
      .selectFrom('review_answers')
      .selectAll()
      .where('programme_id', '=', programmeId)
      .orderBy('team_id')
      .execute();
    const rank = (review: string, kind: string): number =>
      (review === 'december' ? 0 : 2) + (kind === 'preparation' ? 0 : 1);
    return rows
      .sort(
        (a, b) =>
          a.team_id.localeCompare(b.team_id) || rank(a.review, a.kind) - rank(b.review, b.kind),
      )
      .map((row) => {
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
      });
  }
}
