import type { ConversationStore } from '../ports/conversation-store';
import type { ProgrammeStore } from '../ports/programme-store';
import type { ProgrammeTeamStore } from '../ports/programme-team-store';

/** Where the follow-up calendar's inputs are read from. */
export interface FollowUpSources {
  programmes: ProgrammeStore;
  teams: ProgrammeTeamStore;
  /** For each person's last reported time zone. */
  conversations: ConversationStore;
  /** The Lab team of the bot's configuration (LAB_ADMIN_IDS). */
  labAdminIds: readonly string[];
}
