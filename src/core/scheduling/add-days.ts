import { parseLocalDay } from './parse-local-day';

/** The calendar day `days` days after `day` (negative: before), both YYYY-MM-DD; no time zone involved. */
export function addDays(day: string, days: number): string {
  const { year, month, day: dayOfMonth } = parseLocalDay(day);
  return new Date(Date.UTC(year, month - 1, dayOfMonth + days)).toISOString().slice(0, 10);
}
