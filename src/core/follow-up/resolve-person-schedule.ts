import { isTimeZone } from '../programmes/validate-programme';
import { DEFAULT_TIME_ZONE } from '../scheduling/compute-send-instant';
import {
  createHolidayCalendar,
  type HolidayCalendar,
  type HolidayCalendarId,
  toHolidayCalendarId,
} from '../scheduling/holiday-calendars';
import type { FollowUpPlanInput } from './team-context';

/** Where and by which calendar a person lives, for their local send times. */
export interface PersonSchedule {
  timeZone: string;
  calendar: HolidayCalendar;
}

const libraryCalendars = new Map<HolidayCalendarId, HolidayCalendar>();

function libraryCalendar(id: HolidayCalendarId): HolidayCalendar {
  let calendar = libraryCalendars.get(id);
  if (calendar === undefined) {
    calendar = createHolidayCalendar(id);
    libraryCalendars.set(id, calendar);
  }
  return calendar;
}

/**
 * A person's zone: the one Teams last reported for them, else their organisation's, else
 * Europe/Paris. Their holidays follow their organisation (a Caf de Guyane lead on a trip keeps
 * Guyane's holidays), or their zone when the organisation is unknown.
 */
export function resolvePersonSchedule(
  person: { aadId: string; organisationId?: string },
  input: FollowUpPlanInput,
): PersonSchedule {
  const organisation = input.programme.organisations.find(
    (candidate) => candidate.id === person.organisationId,
  );
  const reported = input.zoneOf(person.aadId);
  const timeZone =
    reported !== null && reported !== undefined && isTimeZone(reported)
      ? reported
      : (organisation?.timezone ?? DEFAULT_TIME_ZONE);
  const calendarId = organisation?.holidays ?? toHolidayCalendarId(timeZone);
  return { timeZone, calendar: (input.calendarOf ?? libraryCalendar)(calendarId) };
}
