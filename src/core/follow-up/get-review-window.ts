import type { WindowState } from './checkin-view';
import { addDays } from '../scheduling/add-days';
import { toUtcInstant } from '../scheduling/to-utc-instant';
import type { ReviewAnswer } from './review-answer';

/** The outcome of a review can be recorded or corrected for a month after it (until the next check-ins). */
export const REVIEW_OUTCOME_EDIT_DAYS = 30;

/** Review days are the programme's, in Paris. */
const PROGRAMME_TIMEZONE = 'Europe/Paris';

/**
 * When a review card takes answers: the preparation until the end of the review day, the outcome
 * from the review day for a month.
 */
export function getReviewWindow(
  kind: ReviewAnswer['kind'],
  reviewDay: string,
  now: Date,
): WindowState {
  const at = (day: string): number => toUtcInstant(day, '00:00', PROGRAMME_TIMEZONE).getTime();
  const time = now.getTime();
  if (kind === 'preparation') return time < at(addDays(reviewDay, 1)) ? 'open' : 'closed';
  if (time < at(reviewDay)) return 'notOpen';
  return time < at(addDays(reviewDay, REVIEW_OUTCOME_EDIT_DAYS + 1)) ? 'open' : 'closed';
}
