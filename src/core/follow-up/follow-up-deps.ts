import type { AbsenceStore } from '../ports/absence-store';
import type { CheckinStore } from '../ports/checkin-store';
import type { Clock } from '../ports/clock';
import type { ReviewStore } from '../ports/review-store';
import type { FollowUpSources } from './follow-up-sources';

/** What the check-in, review and absence use cases need; the composition root builds it once. */
export interface FollowUpDeps extends FollowUpSources {
  checkins: CheckinStore;
  reviews: ReviewStore;
  absences: AbsenceStore;
  clock: Clock;
}
