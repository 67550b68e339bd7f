import type { Kysely } from 'kysely';
import type { FollowUpDeps } from '../../core/follow-up/follow-up-deps';
import type { Clock } from '../../core/ports/clock';
import type { Database } from './schema';
import { SqlAbsenceStore } from './sql-absence-store';
import { SqlCheckinStore } from './sql-checkin-store';
import { SqlConversationStore } from './sql-conversation-store';
import { SqlProgrammeStore } from './sql-programme-store';
import { SqlProgrammeTeamStore } from './sql-programme-team-store';
import { SqlReviewStore } from './sql-review-store';

/**
 * The check-in, review and absence dependencies on the SQL database, for the composition root:
 * the follow-up job, the check-in feature and the notice renderers all work from these.
 */
export function createFollowUpDeps(
  db: Kysely<Database>,
  options: { clock: Clock; labAdminIds: readonly string[] },
): FollowUpDeps {
  return {
    programmes: new SqlProgrammeStore(db),
    teams: new SqlProgrammeTeamStore(db),
    conversations: new SqlConversationStore(db),
    labAdminIds: options.labAdminIds,
    checkins: new SqlCheckinStore(db),
    reviews: new SqlReviewStore(db),
    absences: new SqlAbsenceStore(db),
    clock: options.clock,
  };
}
