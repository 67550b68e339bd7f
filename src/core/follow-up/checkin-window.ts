import { getFollowUpSettings, type FollowUpSettings } from '../programmes/follow-up-settings';
import type { Milestones } from '../programmes/programme';
import type { ProgrammeTeam } from '../programmes/programme-team';
import type { HolidayCalendar } from '../scheduling/holiday-calendars';
import { resolveLocalDay } from '../scheduling/resolve-local-day';
import { toUtcInstant } from '../scheduling/to-utc-instant';
import { resolvePersonSchedule, type PersonSchedule } from './resolve-person-schedule';
import { findTeamLead, type FollowUpPlanInput } from './team-context';

/** Whether a month's check-in (or a review) takes answers now. */
export type WindowState = 'notOpen' | 'open' | 'closed';

/** When a team's check-in of one month goes out, when answers become late, and when it closes. */
export interface CheckinWindow {
  month: string;
  /** The local day the check-in goes out, in the lead's zone and calendar. */
  sendDay: string;
  opensAt: Date;
  /** Local days of the reminders, by working day after the check-in. */
  reminders: { workingDay: number; day: string; at: Date }[];
  /** The local day the facilitators hear about a silent team. */
  escalationDay: string;
  /** The last local working day an answer is on time: the one before the escalation day. */
  answerByDay: string;
  /** Answers after this instant are late: the start of the escalation day. */
  lateAfter: Date;
  /** Answers and edits stop here: when the next month's check-in would go out. */
  closesAt: Date;
}

function checkInDay(month: string, settings: FollowUpSettings, calendar: HolidayCalendar): string {
  const first = resolveLocalDay({ kind: 'first-working-day-of-month', month }, calendar);
  return settings.checkInWorkingDay === 1
    ? first
    : resolveLocalDay(
        { kind: 'working-days-after', day: first, days: settings.checkInWorkingDay - 1 },
        calendar,
      );
}

/**
 * Windows already worked out, by calendar object and by everything else they depend on: a turn
 * on a check-in card needs its team's window, and working it out (working days, holidays, zone
 * offsets) costs more than the rest of the answer. Windows are shared: read them, never change
 * them.
 */
const windows = new WeakMap<HolidayCalendar, Map<string, CheckinWindow | undefined>>();
/** Months × zones × settings in use are a few hundred; past this the calendar's cache restarts. */
const WINDOWS_PER_CALENDAR = 5_000;

/**
 * The check-in window of a month for a team whose lead lives by `lead`; undefined when the month
 * is skipped or its check-in day falls outside the follow-up (before its start or after the end).
 */
export function getCheckinWindow(
  month: string,
  milestones: Pick<Milestones, 'followUpStart' | 'end'>,
  settings: FollowUpSettings,
  lead: PersonSchedule,
): CheckinWindow | undefined {
  const key = [
    month,
    milestones.followUpStart,
    milestones.end,
    lead.timeZone,
    settings.checkInWorkingDay,
    settings.checkInTime,
    settings.reminderWorkingDays.join(','),
    settings.escalationWorkingDay,
    settings.skippedMonths.join(','),
  ].join('|');
  let known = windows.get(lead.calendar);
  if (known === undefined) {
    known = new Map();
    windows.set(lead.calendar, known);
  }
  if (known.has(key)) return known.get(key);
  const window = workOutCheckinWindow(month, milestones, settings, lead);
  if (known.size >= WINDOWS_PER_CALENDAR) known.clear();
  known.set(key, window);
  return window;
}

function workOutCheckinWindow(
  month: string,
  milestones: Pick<Milestones, 'followUpStart' | 'end'>,
  settings: FollowUpSettings,
  lead: PersonSchedule,
): CheckinWindow | undefined {
  if (settings.skippedMonths.includes(month)) return undefined;
  const { calendar, timeZone } = lead;
  const sendDay = checkInDay(month, settings, calendar);
  if (sendDay < milestones.followUpStart || sendDay > milestones.end) return undefined;
  const at = (day: string, time = settings.checkInTime): Date => toUtcInstant(day, time, timeZone);
  const after = (days: number): string =>
    resolveLocalDay({ kind: 'working-days-after', day: sendDay, days }, calendar);
  const escalationDay = after(settings.escalationWorkingDay);
  return {
    month,
    sendDay,
    opensAt: at(sendDay),
    reminders: settings.reminderWorkingDays.map((workingDay) => {
      const day = after(workingDay);
      return { workingDay, day, at: at(day) };
    }),
    escalationDay,
    answerByDay: resolveLocalDay(
      { kind: 'working-days-after', day: escalationDay, days: -1 },
      calendar,
    ),
    lateAfter: at(escalationDay, '00:00'),
    closesAt: at(checkInDay(addMonths(month, 1), settings, calendar)),
  };
}

/** A team's check-in window for a month, in its lead's zone and calendar; undefined when there is none. */
export function getTeamCheckinWindow(
  input: FollowUpPlanInput,
  team: ProgrammeTeam,
  month: string,
): CheckinWindow | undefined {
  return getCheckinWindow(
    month,
    input.programme.milestones,
    getFollowUpSettings(input.programme),
    resolvePersonSchedule(findTeamLead(team), input),
  );
}

/** Where `now` stands in a check-in window: before it opens, open, or closed. */
export function toWindowState(window: CheckinWindow, now: Date): WindowState {
  if (now.getTime() < window.opensAt.getTime()) return 'notOpen';
  return now.getTime() < window.closesAt.getTime() ? 'open' : 'closed';
}

/**
 * The months (YYYY-MM) that may have a check-in: from the follow-up start to the programme's
 * end, without the skipped ones. Whether a team's check-in falls inside the follow-up is decided
 * per team, since its first working day depends on the lead's calendar.
 */
export function listCheckinMonths(
  milestones: Pick<Milestones, 'followUpStart' | 'end'>,
  settings: Pick<FollowUpSettings, 'skippedMonths'>,
): string[] {
  const months: string[] = [];
  const last = milestones.end.slice(0, 7);
  for (
    let month = milestones.followUpStart.slice(0, 7);
    month <= last;
    month = addMonths(month, 1)
  ) {
    if (!settings.skippedMonths.includes(month)) months.push(month);
  }
  return months;
}

/** The month (YYYY-MM) `months` months after `month`; negative goes back. */
export function addMonths(month: string, months: number): string {
  const [year, monthOfYear] = month.split('-').map(Number);
  const date = new Date(Date.UTC(year ?? 1970, (monthOfYear ?? 1) - 1 + months, 1));
  return date.toISOString().slice(0, 7);
}
