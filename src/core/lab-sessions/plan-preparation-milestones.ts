import { addDays, isWorkingDay } from '../scheduling/local-days';
import type { HolidayCalendar } from '../scheduling/holiday-calendars';

/**
 * The preparation milestones before a session, in days before it: the scenario and the
 * "cahier de consignes" 4 weeks before, the invitations 3 weeks before, the logistics a week
 * before, the final brief the day before.
 */
export const PREPARATION_MILESTONES = [
  { id: 'scenario', daysBefore: 28 },
  { id: 'invitations', daysBefore: 21 },
  { id: 'logistics', daysBefore: 7 },
  { id: 'finalBrief', daysBefore: 1 },
] as const;

export type PreparationMilestoneId = (typeof PREPARATION_MILESTONES)[number]['id'];

/**
 * The day of each milestone still ahead of `today`, moved back to the previous working day of
 * the calendar (a reminder on a Saturday would be read on Monday, too late for a J-1).
 */
export function planPreparationMilestones(
  sessionDay: string,
  today: string,
  calendar: HolidayCalendar,
): { id: PreparationMilestoneId; day: string }[] {
  const planned: { id: PreparationMilestoneId; day: string }[] = [];
  for (const milestone of PREPARATION_MILESTONES) {
    let day = addDays(sessionDay, -milestone.daysBefore);
    while (!isWorkingDay(day, calendar)) day = addDays(day, -1);
    if (day > today) planned.push({ id: milestone.id, day });
  }
  return planned;
}
