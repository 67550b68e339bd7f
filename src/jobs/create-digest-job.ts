import { parseOccurrenceKey, toOccurrenceKey } from '../core/jobs/occurrence';
import { getWeeklyDigestDue, type WeeklySchedule } from '../core/digests/get-weekly-digest-due';
import { sendWeeklyDigests, type WeeklyDigestDeps } from '../core/digests/send-weekly-digests';
import type { Logger } from '../logger';
import type { ScheduledJobDefinition } from './create-scheduled-job';

/**
 * A weekly digest missed while the bot was down is still sent within a day: on Tuesday morning
 * it still describes the week; later it would land next to the Lab's own weekly check.
 */
export const DIGEST_CATCH_UP_MS = 24 * 60 * 60 * 1000;

/**
 * The weekly digests as one scheduled occurrence per week (`digest:<day>:weekly`), claimed once
 * across instances; the notices' keys name the week too, so a rerun after a crash queues nothing twice.
 */
export function createDigestJob(
  deps: WeeklyDigestDeps & {
    schedule: WeeklySchedule;
    logger: Logger;
    /** Looks the Lab channel up on each run (it may become known during the week); overrides `labChannelId`. */
    resolveLabChannel?: () => Promise<string | undefined>;
  },
): ScheduledJobDefinition {
  return {
    name: 'digest',
    listOccurrences: (now) => {
      const { day, dueAt } = getWeeklyDigestDue(now, deps.schedule);
      return Promise.resolve([
        {
          key: toOccurrenceKey('digest', day, 'weekly'),
          dueAt,
          expiresAt: new Date(dueAt.getTime() + DIGEST_CATCH_UP_MS),
        },
      ]);
    },
    execute: async (occurrence) => {
      const week = parseOccurrenceKey(occurrence.key)?.period ?? '';
      const labChannelId =
        deps.resolveLabChannel === undefined ? deps.labChannelId : await deps.resolveLabChannel();
      const report = await sendWeeklyDigests({ ...deps, labChannelId }, week);
      deps.logger.info({ week, ...report }, 'weekly digests queued');
    },
  };
}
