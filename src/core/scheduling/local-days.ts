import type { HolidayCalendar } from './holiday-calendars';
import { dateTimeFormat } from './date-time-format';

/** A calendar day split into numbers, month 1-12. */
export interface LocalDayParts {
  year: number;
  month: number;
  day: number;
}

/** Parses a YYYY-MM-DD day; throws a RangeError for anything else, including 2026-02-30. */
export function parseLocalDay(day: string): LocalDayParts {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const parts = match && { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  if (!parts) throw new RangeError(`not a YYYY-MM-DD day: ${day}`);
  const roundTrip = new Date(Date.UTC(parts.year, parts.month - 1, parts.day));
  if (roundTrip.getUTCMonth() !== parts.month - 1 || roundTrip.getUTCDate() !== parts.day) {
    throw new RangeError(`no such day: ${day}`);
  }
  return parts;
}

/** The calendar day `days` days after `day` (negative: before), both YYYY-MM-DD; no time zone involved. */
export function addDays(day: string, days: number): string {
  const { year, month, day: dayOfMonth } = parseLocalDay(day);
  return new Date(Date.UTC(year, month - 1, dayOfMonth + days)).toISOString().slice(0, 10);
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Calendar days from `from` to `to` (both YYYY-MM-DD): negative when `to` is earlier. */
export function countDaysBetween(from: string, to: string): number {
  const utc = (day: string): number => {
    const { year, month, day: dayOfMonth } = parseLocalDay(day);
    return Date.UTC(year, month - 1, dayOfMonth);
  };
  return Math.round((utc(to) - utc(from)) / DAY_MS);
}

/** The calendar day (YYYY-MM-DD) of an instant in an IANA time zone. */
export function toLocalDay(instant: Date, timeZone: string): string {
  // en-CA formats dates as YYYY-MM-DD, which is what every day comparison in the core expects.
  return dateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

/** True when the local day (YYYY-MM-DD) is Monday to Friday and not a public holiday of the calendar. */
export function isWorkingDay(day: string, calendar: HolidayCalendar): boolean {
  const { year, month, day: dayOfMonth } = parseLocalDay(day);
  const weekday = new Date(Date.UTC(year, month - 1, dayOfMonth)).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !calendar.isHoliday(day);
}
