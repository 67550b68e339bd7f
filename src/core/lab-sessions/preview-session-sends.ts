import { addDays, toLocalDay } from '../scheduling/local-days';
import type { LabSessionDeps } from './lab-session-deps';
import {
  COLD_REMINDER_DAYS,
  HOT_DEBRIEF_TIME,
  MORNING_TIME,
  nextWorkingDay,
  REMINDER_TIME,
} from './plan-session-occurrences';
import {
  planPreparationMilestones,
  type PreparationMilestoneId,
} from './plan-preparation-milestones';
import type { SessionRequest } from './session-request';

/** What a planned send of Lab sessions is. */
export type SessionSendKind = PreparationMilestoneId | 'hot' | 'cold' | 'coldReminder' | 'revisit';

/** One send the bot will make for a request, on a local day and time of the requester's zone. */
export interface PlannedSessionSend {
  day: string;
  time: string;
  timeZone: string;
  kind: SessionSendKind;
  trackingNumber: string;
  subject: string;
}

/**
 * Every send the Lab sessions will make between two local days (inclusive), from the stored
 * requests as they stand: preparation reminders, hot and cold debriefs (the cold one before the
 * session is held too), the cold debrief's reminder and postponed requests coming back. Reminders
 * go out at 09:30 in each facilitator's own zone; they are listed at the requester's.
 */
export async function previewSessionSends(
  deps: Pick<LabSessionDeps, 'sessions' | 'calendarFor'>,
  range: { from: string; to: string },
): Promise<PlannedSessionSend[]> {
  const sends: PlannedSessionSend[] = [];
  const add = (request: SessionRequest, kind: SessionSendKind, day: string, time: string) => {
    if (day < range.from || day > range.to) return;
    sends.push({
      day,
      time,
      timeZone: request.requesterTimeZone,
      kind,
      trackingNumber: request.trackingNumber,
      subject: request.fields.subject,
    });
  };
  for (const request of await deps.sessions.list([
    'preparation',
    'held',
    'coldDebrief',
    'postponed',
  ])) {
    const calendar = deps.calendarFor(request.requesterTimeZone);
    if (request.status === 'preparation' && request.sessionDay !== null) {
      for (const milestone of planPreparationMilestones(
        request.sessionDay,
        addDays(range.from, -1),
        calendar,
      )) {
        add(request, milestone.id, milestone.day, REMINDER_TIME);
      }
      add(request, 'hot', request.sessionDay, HOT_DEBRIEF_TIME);
    }
    if (
      request.status !== 'postponed' &&
      request.status !== 'coldDebrief' &&
      request.coldDebriefDay !== null
    ) {
      add(request, 'cold', request.coldDebriefDay, MORNING_TIME);
    }
    if (request.status !== 'postponed' && request.coldDebriefDay !== null) {
      const reminder = nextWorkingDay(
        addDays(request.coldDebriefDay, COLD_REMINDER_DAYS),
        calendar,
      );
      add(request, 'coldReminder', reminder, MORNING_TIME);
    }
    if (request.status === 'postponed' && request.decision?.kind === 'notNow') {
      add(request, 'revisit', nextWorkingDay(request.decision.revisitOn, calendar), MORNING_TIME);
    }
  }
  return sends.sort(
    (a, b) =>
      a.day.localeCompare(b.day) ||
      a.time.localeCompare(b.time) ||
      a.trackingNumber.localeCompare(b.trackingNumber),
  );
}

/** The local days a preview covers: today and the next `days` days in the zone. */
export function toPreviewRange(
  now: Date,
  timeZone: string,
  days: number,
): { from: string; to: string } {
  const from = toLocalDay(now, timeZone);
  return { from, to: addDays(from, days) };
}
