import type { HolidayCalendar } from './holiday-calendars';
import type { LocalDayRule } from './local-day-rule';
import { resolveLocalDay } from './resolve-local-day';
import { toUtcInstant } from './to-utc-instant';

/** The zone of a recipient whose Teams client never told us theirs: most participants work in mainland France. */
export const DEFAULT_TIME_ZONE = 'Europe/Paris';

/** What a person-facing schedule says: "09:30 on the first working day of October, in my zone and calendar". */
export interface LocalSchedule {
  rule: LocalDayRule;
  /** Local wall-clock time, HH:MM (24 h). */
  time: string;
  /** IANA zone of the recipient; Europe/Paris when absent. */
  timeZone?: string | null;
  calendar: HolidayCalendar;
}

/**
 * The UTC instant a scheduled message is due: the rule's working day at the local time in the
 * recipient's zone, with DST gaps and overlaps resolved as `toUtcInstant` documents.
 */
export function computeSendInstant(schedule: LocalSchedule): Date {
  const day = resolveLocalDay(schedule.rule, schedule.calendar);
  return toUtcInstant(day, schedule.time, schedule.timeZone ?? DEFAULT_TIME_ZONE);
}
