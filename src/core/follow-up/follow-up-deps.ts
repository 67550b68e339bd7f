import type { AbsenceStore } from '../ports/absence-store';
import type { CheckinStore } from '../ports/checkin-store';
import type { Clock } from '../ports/clock';
import type { ConversationStore } from '../ports/conversation-store';
import type { ProgrammeStore } from '../ports/programme-store';
import type { ProgrammeTeamStore } from '../ports/programme-team-store';
import type { ReviewStore } from '../ports/review-store';

/** Where the follow-up calendar's inputs are read from. */
export interface FollowUpSources {
  programmes: ProgrammeStore;
  teams: ProgrammeTeamStore;
  /** For each person's last reported time zone. */
  conversations: ConversationStore;
  /** The Lab team of the bot's configuration (LAB_ADMIN_IDS). */
  labAdminIds: readonly string[];
}

/** What the check-in, review and absence use cases need; the composition root builds it once. */
export interface FollowUpDeps extends FollowUpSources {
  checkins: CheckinStore;
  reviews: ReviewStore;
  absences: AbsenceStore;
  clock: Clock;
}
