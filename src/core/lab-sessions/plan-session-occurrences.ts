import type { Occurrence } from '../jobs/occurrence';
import { toOccurrenceKey } from '../jobs/occurrence';
import type { HolidayCalendar } from '../scheduling/holiday-calendars';
import { addDays, isWorkingDay, toLocalDay } from '../scheduling/local-days';
import { toUtcInstant } from '../scheduling/to-utc-instant';
import type { LabSessionDeps } from './lab-session-deps';
import { LAB_SESSION_NOTICES, toNoticeData } from './lab-session-notices';
import { notifyPerson, notifyRecipients } from './notify-person';
import { reachableIds } from './manage-participants';
import { findSponsor } from './notify-requester';
import { placeParticipants } from './session-participant';
import { planPreparationMilestones } from './plan-preparation-milestones';
import { sameId, type SessionRequest } from './session-request';

/** A session day ends by late afternoon: the hot debrief goes out then, in the requester's zone. */
export const HOT_DEBRIEF_TIME = '17:30';
/** The cold debrief and a postponed request's return, in the morning of their day. */
export const MORNING_TIME = '09:30';
/** Preparation reminders reach each facilitator at this time of their own zone. */
export const REMINDER_TIME = '09:30';

/** The cold debrief's one reminder, a week after it, when the requester has not answered. */
export const COLD_REMINDER_DAYS = 7;

/** A debrief missed while the bot was down still goes out within a week; after, it is stale. */
export const DEBRIEF_GRACE_DAYS = 7;

/** Jobs of Lab sessions, each in an occurrence key's first part. */
export const SESSION_JOBS = {
  prep: 'lab-session-prep',
  hot: 'lab-session-hot',
  cold: 'lab-session-cold',
  coldReminder: 'lab-session-cold-reminder',
  revisit: 'lab-session-revisit',
} as const;

/**
 * The occurrences the Lab session job runs, derived from the stored requests: the facilitators'
 * preparation reminders (J-28, J-21, J-7, J-1), the hot debrief at the end of each session day, the cold debrief on its day, and the return of each postponed
 * request on the day the Lab team chose.
 */
export async function planSessionOccurrences(
  deps: Pick<LabSessionDeps, 'sessions' | 'calendarFor'>,
  now: Date,
): Promise<Occurrence[]> {
  const occurrences: Occurrence[] = [];
  const at = (request: SessionRequest, job: string, day: string, time: string): Occurrence => {
    const dueAt = toUtcInstant(day, time, request.requesterTimeZone);
    return {
      key: toOccurrenceKey(job, day, request.id),
      dueAt,
      expiresAt: toUtcInstant(addDays(day, DEBRIEF_GRACE_DAYS), time, request.requesterTimeZone),
    };
  };
  for (const request of await deps.sessions.list([
    'preparation',
    'held',
    'coldDebrief',
    'postponed',
  ])) {
    if (request.status === 'preparation' && request.sessionDay !== null) {
      occurrences.push(at(request, SESSION_JOBS.hot, request.sessionDay, HOT_DEBRIEF_TIME));
      // Queued at noon the day before, each reminder waiting for 09:30 in its reader's zone; one
      // of today (the date set that day, exactly 4 weeks ahead) goes at once, as the preview
      // lists it, until 18:00.
      const today = toLocalDay(now, request.requesterTimeZone);
      const calendar = deps.calendarFor(request.requesterTimeZone);
      for (const milestone of planPreparationMilestones(
        request.sessionDay,
        addDays(today, -1),
        calendar,
      )) {
        const dueAt = toUtcInstant(addDays(milestone.day, -1), '12:00', request.requesterTimeZone);
        occurrences.push({
          key: toOccurrenceKey(SESSION_JOBS.prep, milestone.day, request.id),
          dueAt,
          expiresAt: toUtcInstant(milestone.day, '18:00', request.requesterTimeZone),
        });
      }
    }
    if (request.status === 'held' && request.coldDebriefDay !== null) {
      occurrences.push(at(request, SESSION_JOBS.cold, request.coldDebriefDay, MORNING_TIME));
    }
    if (request.status === 'coldDebrief' && request.coldDebriefDay !== null) {
      const day = coldReminderDay(request, deps.calendarFor(request.requesterTimeZone));
      // Planned while it may still run: a request whose reminder day passed long ago drops out.
      if (toLocalDay(now, request.requesterTimeZone) <= addDays(day, DEBRIEF_GRACE_DAYS)) {
        occurrences.push(at(request, SESSION_JOBS.coldReminder, day, MORNING_TIME));
      }
    }
    if (request.status === 'postponed' && request.decision?.kind === 'notNow') {
      const day = nextWorkingDay(
        request.decision.revisitOn,
        deps.calendarFor(request.requesterTimeZone),
      );
      occurrences.push(at(request, SESSION_JOBS.revisit, day, MORNING_TIME));
    }
  }
  return occurrences;
}

/**
 * Runs one occurrence: the notices first (their keys make a rerun harmless), then the request
 * moves on, only from the status the occurrence was planned for (a day moved or a request
 * withdrawn meanwhile leaves it alone).
 */
export async function runSessionOccurrence(
  deps: LabSessionDeps,
  occurrence: { job: string; period: string; target: string },
): Promise<void> {
  const request = await deps.sessions.get(occurrence.target);
  if (request === undefined) return;
  const now = deps.clock.now();
  if (occurrence.job === SESSION_JOBS.prep) {
    if (request.status !== 'preparation' || request.sessionDay === null) return;
    // The date may have moved since: only a milestone of the current date is sent.
    const milestone = planPreparationMilestones(
      request.sessionDay,
      addDays(occurrence.period, -1),
      deps.calendarFor(request.requesterTimeZone),
    ).find((m) => m.day === occurrence.period);
    if (milestone === undefined) return;
    for (const facilitator of request.facilitators) {
      const zone = await deps.zoneOf(facilitator.aadId);
      await notifyPerson(
        deps,
        `lab-session:${request.id}:${milestone.id}:${request.sessionDay}:${facilitator.aadId.toLowerCase()}`,
        facilitator.aadId,
        {
          kind: LAB_SESSION_NOTICES.milestone,
          data: { ...toNoticeData(request), milestone: milestone.id },
        },
        toUtcInstant(milestone.day, REMINDER_TIME, zone),
      );
    }
  } else if (occurrence.job === SESSION_JOBS.hot) {
    if (request.status !== 'preparation' || request.sessionDay !== occurrence.period) return;
    // The requester, the facilitators and every internal participant with a seat, each once.
    const { seated } = placeParticipants(await deps.sessions.listParticipants(request.id));
    const people = new Map<string, string>();
    for (const aadId of [
      request.requester.aadId,
      ...request.facilitators.map((f) => f.aadId),
      ...(await reachableIds(deps, seated)),
    ]) {
      if (!people.has(aadId.toLowerCase())) people.set(aadId.toLowerCase(), aadId);
    }
    for (const [who, aadId] of people) {
      await notifyPerson(deps, `lab-session:${request.id}:hot:${who}`, aadId, {
        kind: LAB_SESSION_NOTICES.hotDebrief,
        data: toNoticeData(request),
      });
    }
    await deps.sessions.update({ ...request, status: 'held', updatedAt: now }, 'preparation');
  } else if (occurrence.job === SESSION_JOBS.cold) {
    if (request.status !== 'held' || request.coldDebriefDay !== occurrence.period) return;
    for (const person of [request.requester, ...(await findSponsor(deps, request))]) {
      await notifyPerson(
        deps,
        `lab-session:${request.id}:cold:${person.aadId.toLowerCase()}`,
        person.aadId,
        { kind: LAB_SESSION_NOTICES.coldDebrief, data: toNoticeData(request) },
      );
    }
    await deps.sessions.update({ ...request, status: 'coldDebrief', updatedAt: now }, 'held');
  } else if (occurrence.job === SESSION_JOBS.coldReminder) {
    if (request.status !== 'coldDebrief' || request.coldDebriefDay === null) return;
    const calendar = deps.calendarFor(request.requesterTimeZone);
    if (coldReminderDay(request, calendar) !== occurrence.period) return;
    const answered = (await deps.sessions.listDebriefs(request.id)).some(
      (answer) => answer.kind === 'cold' && sameId(answer.aadId, request.requester.aadId),
    );
    if (answered) return;
    await notifyPerson(
      deps,
      `lab-session:${request.id}:cold-reminder:${request.requester.aadId.toLowerCase()}`,
      request.requester.aadId,
      {
        kind: LAB_SESSION_NOTICES.coldDebrief,
        data: { ...toNoticeData(request), reminder: true },
      },
    );
  } else if (occurrence.job === SESSION_JOBS.revisit) {
    if (request.status !== 'postponed') return;
    if (request.decision?.kind !== 'notNow') return;
    const calendar = deps.calendarFor(request.requesterTimeZone);
    if (nextWorkingDay(request.decision.revisitOn, calendar) !== occurrence.period) return;
    // Back to qualification with its facilitators: the Lab team decides again.
    const back: SessionRequest = { ...request, status: 'qualification', updatedAt: now };
    await notifyRecipients(
      deps,
      (who) => `lab-session:${request.id}:back:${occurrence.period}:${who}`,
      await deps.labRecipients(),
      { kind: LAB_SESSION_NOTICES.requested, data: { ...toNoticeData(back), back: true } },
    );
    await deps.sessions.update(back, 'postponed');
  }
}

/** The day itself when it is a working day of the calendar, else the next one. */
export function nextWorkingDay(day: string, calendar: HolidayCalendar): string {
  let next = day;
  while (!isWorkingDay(next, calendar)) next = addDays(next, 1);
  return next;
}

/** The cold debrief's reminder day: a week after it, on a working day. */
function coldReminderDay(request: SessionRequest, calendar: HolidayCalendar): string {
  return nextWorkingDay(addDays(request.coldDebriefDay ?? '', COLD_REMINDER_DAYS), calendar);
}
