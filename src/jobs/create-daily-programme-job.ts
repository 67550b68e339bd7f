import { parseOccurrenceKey, toOccurrenceKey, type Occurrence } from '../core/jobs/occurrence';
import type { ProgrammeStore } from '../core/ports/programme-store';
import type { Programme } from '../core/programmes/programme';
import { addDays, toLocalDay } from '../core/scheduling/local-days';
import { toUtcInstant } from '../core/scheduling/to-utc-instant';
import type { ScheduledJobDefinition } from './create-scheduled-job';

/** The programme calendar's zone: daily chores run on Paris days. */
const PROGRAMME_TIMEZONE = 'Europe/Paris';

/**
 * A chore run once a day for every programme (draft reminders, lapsing unconfirmed seats), at a
 * Paris time; missed while the bot was down, it still runs later the same day, not the next.
 */
export function createDailyProgrammeJob(options: {
  name: string;
  /** HH:MM, Europe/Paris. */
  time: string;
  programmes: ProgrammeStore;
  run: (programme: Programme) => Promise<unknown>;
}): ScheduledJobDefinition {
  return {
    name: options.name,
    listOccurrences: async (now: Date): Promise<Occurrence[]> => {
      const today = toLocalDay(now, PROGRAMME_TIMEZONE);
      const dueAt = toUtcInstant(today, options.time, PROGRAMME_TIMEZONE);
      const expiresAt = new Date(
        toUtcInstant(addDays(today, 1), '00:00', PROGRAMME_TIMEZONE).getTime() - 1,
      );
      return (await options.programmes.list()).map((programme) => ({
        key: toOccurrenceKey(options.name, today, programme.id),
        dueAt,
        expiresAt,
      }));
    },
    execute: async (occurrence) => {
      const programmeId = parseOccurrenceKey(occurrence.key)?.target ?? '';
      const programme = await options.programmes.get(programmeId);
      if (programme !== undefined) await options.run(programme);
    },
  };
}
