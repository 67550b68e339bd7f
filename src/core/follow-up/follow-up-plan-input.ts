import type { ProgrammeTeam } from '../programmes/programme-team';
import type { Programme } from '../programmes/programme';
import type { HolidayCalendar, HolidayCalendarId } from '../scheduling/holiday-calendar';
import type { LabMember } from '../programmes/follow-up-settings';

/** Everything the follow-up calendar is computed from; no store is read while planning. */
export interface FollowUpPlanInput {
  programme: Programme;
  teams: readonly ProgrammeTeam[];
  /** Lab team members from the bot's configuration, in addition to those the programme names. */
  extraLabTeam?: readonly LabMember[];
  /** The IANA zone a person last wrote from in Teams, when known. */
  zoneOf(aadId: string): string | null | undefined;
  /** Holiday calendars by id; the maintained library's calendars when absent. */
  calendarOf?(id: HolidayCalendarId): HolidayCalendar;
}
