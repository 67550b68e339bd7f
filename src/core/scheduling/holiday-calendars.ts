import Holidays from 'date-holidays';

/**
 * The public-holiday calendars the Lab's participants work under, each with the country (and
 * state) of the maintained date-holidays library and the time zone of the people who live by it:
 * mainland France, French Guiana (the library's state "GF" of France, ISO 3166-2:FR-GF) and
 * Belgium (DESIGN.md §3). The programme schema, the scheduler and the catalogue all read this list.
 */
export const HOLIDAY_CALENDARS = [
  { id: 'FR', country: 'FR', timeZone: 'Europe/Paris' },
  { id: 'FR-GF', country: 'FR', state: 'GF', timeZone: 'America/Cayenne' },
  { id: 'BE', country: 'BE', timeZone: 'Europe/Brussels' },
] as const;

/** The id of a calendar of HOLIDAY_CALENDARS. */
export type HolidayCalendarId = (typeof HOLIDAY_CALENDARS)[number]['id'];

/** Every calendar id, for schemas. */
export const HOLIDAY_CALENDAR_IDS = HOLIDAY_CALENDARS.map((calendar) => calendar.id) as [
  HolidayCalendarId,
  ...HolidayCalendarId[],
];

/** The institutions' default: mainland France. */
const DEFAULT_CALENDAR: HolidayCalendarId = 'FR';

/** Which local days are public holidays; a port so the scheduling rules can be tested with any calendar. */
export interface HolidayCalendar {
  readonly id: HolidayCalendarId;
  /** True when the local calendar day (YYYY-MM-DD) is a public holiday. */
  isHoliday(day: string): boolean;
}

/**
 * A holiday calendar backed by the maintained date-holidays library, public holidays only
 * (bank holidays and observances are working days in the institutions).
 */
export function createHolidayCalendar(id: HolidayCalendarId): HolidayCalendar {
  const entry = HOLIDAY_CALENDARS.find((calendar) => calendar.id === id) ?? HOLIDAY_CALENDARS[0];
  const library = new Holidays(
    'state' in entry ? { country: entry.country, state: entry.state } : { country: entry.country },
    { types: ['public'] },
  );
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

/**
 * The holiday calendar to assume for a recipient from their IANA time zone: the calendar of that
 * zone, else mainland France (every other zone falls back to the institutions' default).
 */
export function toHolidayCalendarId(timeZone: string | null | undefined): HolidayCalendarId {
  return (
    HOLIDAY_CALENDARS.find((calendar) => calendar.timeZone === timeZone)?.id ?? DEFAULT_CALENDAR
  );
}

/**
 * The calendar of a time zone, each built once: a job asking every minute, or a card listing many
 * people, reads a calendar's holidays once.
 */
export function createCalendarsByZone(): (timeZone: string) => HolidayCalendar {
  const calendars = new Map<HolidayCalendarId, HolidayCalendar>();
  return (timeZone) => {
    const id = toHolidayCalendarId(timeZone);
    let calendar = calendars.get(id);
    if (calendar === undefined) calendars.set(id, (calendar = createHolidayCalendar(id)));
    return calendar;
  };
}
