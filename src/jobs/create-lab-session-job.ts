import type { LabSessionDeps } from '../core/lab-sessions/lab-session-deps';
import {
  planSessionOccurrences,
  runSessionOccurrence,
} from '../core/lab-sessions/plan-session-occurrences';
import { parseOccurrenceKey } from '../core/jobs/occurrence';
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
