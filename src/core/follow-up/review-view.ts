import type { WindowState } from './checkin-view';
import type { ReviewCardData } from './follow-up-notices';
import type { ReviewAnswer } from './review-answer';

/** A review card (preparation or outcome) as one person sees it now. */
export interface ReviewView {
  card: ReviewCardData;
  kind: ReviewAnswer['kind'];
  answer: ReviewAnswer | undefined;
  window: WindowState;
  canAnswer: boolean;
}
