import { addDays, parseLocalDay, toLocalDay } from '../scheduling/local-days';
import { toUtcInstant } from '../scheduling/to-utc-instant';

/** When the weekly digest goes out: an ISO weekday (1 is Monday) at a local time in a zone. */
export interface WeeklySchedule {
  weekday: number;
  /** HH:MM, 24 h. */
  time: string;
  timeZone: string;
}

/** The Lab's default: Monday 09:00 in Paris, when the week's work is planned. */
export const DEFAULT_WEEKLY_SCHEDULE: Readonly<WeeklySchedule> = Object.freeze({
  weekday: 1,
  time: '09:00',
  timeZone: 'Europe/Paris',
});

/** The latest weekly send at or before `now`: its local day (which names the week) and instant. */
export function getWeeklyDigestDue(
  now: Date,
  schedule: WeeklySchedule,
): { day: string; dueAt: Date } {
  const today = toLocalDay(now, schedule.timeZone);
  const { year, month, day } = parseLocalDay(today);
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay() || 7;
  let sendDay = addDays(today, -((weekday - schedule.weekday + 7) % 7));
  let dueAt = toUtcInstant(sendDay, schedule.time, schedule.timeZone);
  if (dueAt.getTime() > now.getTime()) {
    sendDay = addDays(sendDay, -7);
    dueAt = toUtcInstant(sendDay, schedule.time, schedule.timeZone);
  }
  return { day: sendDay, dueAt };
}
