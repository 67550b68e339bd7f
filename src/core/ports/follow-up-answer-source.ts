import type { CheckinAnswer } from '../follow-up/checkin-answer';
import type { ReviewAnswer } from '../follow-up/review-answer';

/** Every follow-up answer of a programme at once, for the review meetings' export. */
export interface FollowUpAnswerSource {
  /** The programme's check-in answers, by team then month. */
  listCheckins(programmeId: string): Promise<CheckinAnswer[]>;
  /** The programme's review preparations and outcomes, by team, December first, preparation first. */
  listReviews(programmeId: string): Promise<ReviewAnswer[]>;
}
