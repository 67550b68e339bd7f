import { type Milestones, MILESTONE_ORDER } from '../programmes/programme';
import { countDaysBetween } from '../scheduling/local-days';
import type { UpcomingMilestone } from './digest';

/** The next `limit` milestones on or after today, in date order (the programme's order on a tie). */
export function listUpcomingMilestones(
  milestones: Milestones,
  today: string,
  limit: number,
): UpcomingMilestone[] {
  return MILESTONE_ORDER.map((name) => ({ name, date: milestones[name] }))
    .filter((m) => m.date >= today)
    .sort((a, b) => a.date.localeCompare(b.date))
    .slice(0, limit)
    .map((m) => ({ ...m, daysAway: countDaysBetween(today, m.date) }));
}
