import type { CheckinCardData } from './follow-up-notices';
import type { CheckinAnswer } from './checkin-answer';

/** Whether a month's check-in takes answers now. */
export type WindowState = 'notOpen' | 'open' | 'closed';

/** A check-in card as one person sees it now: the form, the answer, and what they may do. */
export interface CheckinView {
  card: CheckinCardData;
  answer: CheckinAnswer | undefined;
  window: WindowState;
  /** The viewer may answer, or edit the answer, now. */
  canAnswer: boolean;
  /** An answer given now would be marked late. */
  lateNow: boolean;
}
