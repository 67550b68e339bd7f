/** The public-holiday calendars the Lab's participants work under: mainland France, French Guiana, Belgium. */
export type HolidayCalendarId = 'FR' | 'FR-GF' | 'BE';

/** Which local days are public holidays; a port so the scheduling rules can be tested with any calendar. */
export interface HolidayCalendar {
  readonly id: HolidayCalendarId;
  /** True when the local calendar day (YYYY-MM-DD) is a public holiday. */
  isHoliday(day: string): boolean;
}
