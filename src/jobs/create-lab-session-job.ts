import type { LabSessionDeps } from '../core/lab-sessions/lab-session-deps';
import {
  planSessionOccurrences,
  runSessionOccurrence,
} from '../core/lab-sessions/plan-session-occurrences';
import { parseOccurrenceKey, toOccurrenceKey } from '../core/jobs/occurrence';
import { catchUpQualificationMeetings } from '../core/lab-sessions/qualification-meeting';
import type { ScheduledJobDefinition } from './create-scheduled-job';

/**
 * The Lab sessions' scheduled job: preparation reminders, hot and cold debriefs, the cold
 * debrief's reminder and postponed requests coming back, each derived from the stored requests
 * and run once across instances.
 */
export function createLabSessionJob(deps: LabSessionDeps): ScheduledJobDefinition {
  return {
    name: 'lab-sessions',
    listOccurrences: (now) => planSessionOccurrences(deps, now),
    execute: async (occurrence) => {
      const parts = parseOccurrenceKey(occurrence.key);
      if (parts !== undefined) await runSessionOccurrence(deps, parts);
    },
  };
}

const HOUR_MS = 60 * 60 * 1000;

/**
 * Every hour, the qualification meetings still to come are brought to what their requests want:
 * a calendar that refused or was too busy is tried again, and a meeting whose request changed
 * while the calendar could not be reached is moved or cancelled. Nothing to do costs two reads.
 */
export function createLabSessionMeetingsJob(deps: LabSessionDeps): ScheduledJobDefinition {
  const name = 'lab-session-meetings';
  return {
    name,
    listOccurrences: (now) => {
      const hourStart = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
      const hour = new Date(hourStart).toISOString().slice(0, 13);
      return Promise.resolve([
        {
          key: toOccurrenceKey(name, hour, 'all'),
          dueAt: new Date(hourStart),
          expiresAt: new Date(hourStart + HOUR_MS - 1),
        },
      ]);
    },
    execute: async () => {
      await catchUpQualificationMeetings(deps);
    },
  };
}
