import Holidays, { type HolidaysTypes } from 'date-holidays';
import type { HolidayCalendar, HolidayCalendarId } from './holiday-calendar';

// In date-holidays, French Guiana is the state "GF" of France (ISO 3166-2:FR-GF).
const LIBRARY_COUNTRIES: Record<HolidayCalendarId, HolidaysTypes.Country> = {
  FR: { country: 'FR' },
  'FR-GF': { country: 'FR', state: 'GF' },
  BE: { country: 'BE' },
};

/**
 * A holiday calendar backed by the maintained date-holidays library, public holidays only
 * (bank holidays and observances are working days in the institutions).
 */
export function createHolidayCalendar(id: HolidayCalendarId): HolidayCalendar {
  const library = new Holidays(LIBRARY_COUNTRIES[id], { types: ['public'] });
  const daysByYear = new Map<number, Set<string>>();
  const holidaysOf = (year: number): Set<string> => {
    let days = daysByYear.get(year);
    if (days === undefined) {
      // The library's `date` field is the local day ("YYYY-MM-DD hh:mm:ss"), independent of the process time zone.
      days = new Set(
        library
          .getHolidays(year)
          .filter((holiday) => holiday.type === 'public')
          .map((holiday) => holiday.date.slice(0, 10)),
      );
      daysByYear.set(year, days);
    }
    return days;
  };
  return {
    id,
    isHoliday: (day) => holidaysOf(Number(day.slice(0, 4))).has(day),
  };
}
