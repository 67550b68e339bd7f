import type { HolidayCalendarId } from './holiday-calendar';

// Participants outside mainland France are in French Guiana or Belgium (DESIGN.md §3); every other
// zone falls back to the mainland calendar, the institutions' default.
const CALENDAR_BY_TIME_ZONE: Record<string, HolidayCalendarId> = {
  'America/Cayenne': 'FR-GF',
  'Europe/Brussels': 'BE',
};

/** The holiday calendar to assume for a recipient from their IANA time zone; mainland France by default. */
export function toHolidayCalendarId(timeZone: string | null | undefined): HolidayCalendarId {
  return (timeZone && CALENDAR_BY_TIME_ZONE[timeZone]) || 'FR';
}
