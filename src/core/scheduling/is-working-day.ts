import type { HolidayCalendar } from './holiday-calendar';
import { parseLocalDay } from './parse-local-day';

/** True when the local day (YYYY-MM-DD) is Monday to Friday and not a public holiday of the calendar. */
export function isWorkingDay(day: string, calendar: HolidayCalendar): boolean {
  const { year, month, day: dayOfMonth } = parseLocalDay(day);
  const weekday = new Date(Date.UTC(year, month - 1, dayOfMonth)).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !calendar.isHoliday(day);
}
