import { parseLocalDay } from '../scheduling/parse-local-day';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Calendar days from `from` to `to` (both YYYY-MM-DD): negative when `to` is earlier. */
export function countDaysBetween(from: string, to: string): number {
  const utc = (day: string): number => {
    const { year, month, day: dayOfMonth } = parseLocalDay(day);
    return Date.UTC(year, month - 1, dayOfMonth);
  };
  return Math.round((utc(to) - utc(from)) / DAY_MS);
}
