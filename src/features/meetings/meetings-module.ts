import { parseOccurrenceKey, toOccurrenceKey, type Occurrence } from '../../core/jobs/occurrence';
import type { ScheduledJobDefinition } from '../../jobs/create-scheduled-job';
import type { FeatureModule } from '../feature-module';
import type { Platform } from '../platform';

const HOUR_MS = 60 * 60 * 1000;

/**
 * Meetings: every hour, each programme's meetings are brought up to what its file and its teams
 * want now. Confirming teams does it at once; this catches a programme file imported again with
 * new dates (`labbot programme import` runs without Graph), a calendar that refused or throttled,
 * and downtime. Nothing changed means no Graph call: the hourly run costs two SQL reads.
 */
export function createMeetingsModule(
  platform: Pick<Platform, 'programmes' | 'meetings'>,
): FeatureModule {
  return { name: 'meetings', scheduledJobs: [createMeetingsJob(platform)] };
}

/** The hourly reconciliation, one occurrence per programme and hour, claimed once across instances. */
export function createMeetingsJob(
  platform: Pick<Platform, 'programmes' | 'meetings'>,
): ScheduledJobDefinition {
  const name = 'meetings';
  return {
    name,
    listOccurrences: async (now: Date): Promise<Occurrence[]> => {
      const hourStart = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
      const hour = new Date(hourStart).toISOString().slice(0, 13);
      return (await platform.programmes.list())
        .filter(() => platform.meetings.route !== null)
        .map((programme) => ({
          key: toOccurrenceKey(name, hour, programme.id),
          dueAt: new Date(hourStart),
          expiresAt: new Date(hourStart + HOUR_MS - 1),
        }));
    },
    execute: async (occurrence) => {
      const programmeId = parseOccurrenceKey(occurrence.key)?.target ?? '';
      const programme = await platform.programmes.get(programmeId);
      if (programme !== undefined) await platform.meetings.sync(programme);
    },
  };
}
