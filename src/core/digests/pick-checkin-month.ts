import { listCheckinMonths } from '../follow-up/checkin-window';
import { getFollowUpSettings } from '../programmes/follow-up-settings';
import type { Programme } from '../programmes/programme';
import type { HolidayCalendar } from '../scheduling/holiday-calendars';
import { resolveLocalDay } from '../scheduling/resolve-local-day';

/**
 * The check-in month a digest reports on `today`: the latest whose check-in went out (on its
 * working day in the Lab's calendar, mainland France), and the check-in month before it, for
 * "silent two months in a row". Undefined before the first check-in.
 */
export function pickCheckinMonth(
  programme: Programme,
  today: string,
  calendar: HolidayCalendar,
): { month: string; previousMonth: string | null } | undefined {
  const settings = getFollowUpSettings(programme);
  const sent = listCheckinMonths(programme.milestones, settings).filter((month) => {
    const first = resolveLocalDay({ kind: 'first-working-day-of-month', month }, calendar);
    const sendDay = resolveLocalDay(
      { kind: 'working-days-after', day: first, days: settings.checkInWorkingDay - 1 },
      calendar,
    );
    return sendDay >= programme.milestones.followUpStart && sendDay <= today;
  });
  const month = sent.at(-1);
  return month === undefined ? undefined : { month, previousMonth: sent.at(-2) ?? null };
}
