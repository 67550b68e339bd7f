import { addDays, countDaysBetween, isWorkingDay, toLocalDay } from '../scheduling/local-days';
import type { HolidayCalendar } from '../scheduling/holiday-calendars';
import { refuse } from '../validation/outcome';
import type { ValidationIssue } from '../validation/validation-issue';
import type { LabSessionDeps, SessionActor } from './lab-session-deps';
import type { LabSessionOutcome } from './lab-session-refusal';
import { inviteParticipants } from './manage-participants';
import { notifyRequestStep } from './notify-requester';
import { placeParticipants } from './session-participant';
import {
  COLD_DEBRIEF_DEFAULT_DAYS,
  COLD_DEBRIEF_MAX_DAYS,
  COLD_DEBRIEF_MIN_DAYS,
  isFacilitatorOf,
  MIN_PREPARATION_DAYS,
  type SessionRequest,
} from './session-request';

/**
 * After a go, the facilitators (or the Lab team) set the session's day: a working day of the
 * requester's calendar, at least 4 weeks ahead unless a Lab member overrides, and the cold
 * debrief's day 5 to 8 weeks after (6 by default), moved off weekends and holidays. The day can
 * be moved while the session is in preparation; the requester and facilitators are told, and the
 * internal participants with a seat are invited.
 */
export async function scheduleSession(
  deps: LabSessionDeps,
  input: {
    actor: SessionActor;
    requestId: string;
    sessionDay: unknown;
    coldDebriefWeeks: unknown;
    overrideMinimum: boolean;
  },
): Promise<LabSessionOutcome<SessionRequest>> {
  const request = await deps.sessions.get(input.requestId);
  if (request === undefined) return refuse('notFound');
  const isFacilitator = isFacilitatorOf(request, input.actor.aadId);
  if (!input.actor.isLab && !isFacilitator) return refuse('notFound');
  if (request.status !== 'preparation') return refuse('wrongStatus', { status: request.status });
  const now = deps.clock.now();
  const today = toLocalDay(now, request.requesterTimeZone);
  const calendar = deps.calendarFor(request.requesterTimeZone);
  const issues: ValidationIssue[] = [];
  const day = typeof input.sessionDay === 'string' ? input.sessionDay.trim() : '';
  if (day === '') issues.push({ path: ['sessionDay'], code: 'required', params: {} });
  else if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !isRealDay(day)) {
    issues.push({ path: ['sessionDay'], code: 'date', params: { value: day } });
  } else if (day <= today) {
    issues.push({
      path: ['sessionDay'],
      code: 'dateOrder',
      params: { previousDate: addDays(today, 1), previous: today },
    });
  } else if (
    countDaysBetween(today, day) < MIN_PREPARATION_DAYS &&
    !(input.overrideMinimum && input.actor.isLab)
  ) {
    // Only a Lab member may shorten the preparation; a facilitator's override is ignored.
    issues.push({
      path: ['sessionDay'],
      code: 'min',
      params: { min: addDays(today, MIN_PREPARATION_DAYS) },
    });
  } else if (!isWorkingDay(day, calendar)) {
    issues.push({ path: ['sessionDay'], code: 'invalid', params: { value: day } });
  }
  const weeks = toWeeks(input.coldDebriefWeeks);
  if (weeks === undefined) {
    issues.push({
      path: ['coldDebriefWeeks'],
      code: 'choice',
      params: { allowed: '5, 6, 7, 8' },
    });
  }
  if (issues.length > 0 || weeks === undefined) return refuse('invalid', {}, issues);
  const updated: SessionRequest = {
    ...request,
    sessionDay: day,
    coldDebriefDay: planColdDebrief(day, weeks * 7, calendar),
    updatedAt: now,
  };
  if (!(await deps.sessions.update(updated, request.status))) return refuse('changedMeanwhile');
  await notifyRequestStep(deps, updated, 'scheduled', { facilitatorsToo: true });
  // Internal participants with a seat are invited now that the day is known (again if it moved).
  const { seated } = placeParticipants(await deps.sessions.listParticipants(updated.id));
  await inviteParticipants(deps, updated, seated);
  return { ok: true, value: updated };
}

/**
 * The cold debrief's day: `days` after the session, on the next working day, or the previous one
 * when the next would fall beyond 8 weeks.
 */
export function planColdDebrief(
  sessionDay: string,
  days: number,
  calendar: HolidayCalendar,
): string {
  let day = addDays(sessionDay, days);
  while (
    !isWorkingDay(day, calendar) &&
    countDaysBetween(sessionDay, day) < COLD_DEBRIEF_MAX_DAYS
  ) {
    day = addDays(day, 1);
  }
  while (
    !isWorkingDay(day, calendar) &&
    countDaysBetween(sessionDay, day) > COLD_DEBRIEF_MIN_DAYS
  ) {
    day = addDays(day, -1);
  }
  return day;
}

function toWeeks(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') {
    return COLD_DEBRIEF_DEFAULT_DAYS / 7;
  }
  const weeks = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isInteger(weeks) &&
    weeks * 7 >= COLD_DEBRIEF_MIN_DAYS &&
    weeks * 7 <= COLD_DEBRIEF_MAX_DAYS
    ? weeks
    : undefined;
}

function isRealDay(day: string): boolean {
  const date = new Date(`${day}T12:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}
