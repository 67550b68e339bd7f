import { addMonths } from './add-months';
import type { FollowUpSettings } from '../programmes/follow-up-settings';
import type { Milestones } from '../programmes/programme';

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
