import { planCheckinSends } from './plan-checkin-sends';
import { listCheckinMonths, addMonths } from './checkin-window';
import { planReviewSends } from './plan-review-sends';
import type { FollowUpPlanInput } from './team-context';
import { getFollowUpSettings } from '../programmes/follow-up-settings';
import type { PlannedSend } from './planned-send';

/**
 * Every check-in and review send of a programme due in [from, to], by due time then key. Only
 * the months around the range are computed, so the scheduler can call this on every tick.
 */
export function planFollowUpSends(
  input: FollowUpPlanInput,
  range: { from: Date; to: Date },
): PlannedSend[] {
  const { programme } = input;
  // A month's sends all fall between its first working day and the next month's (escalation is
  // capped at working day 15), so a range only involves its own months and the one before.
  const first = addMonths(range.from.toISOString().slice(0, 7), -1);
  const last = range.to.toISOString().slice(0, 7);
  const months = listCheckinMonths(programme.milestones, getFollowUpSettings(programme)).filter(
    (month) => month >= first && month <= last,
  );
  const from = range.from.getTime();
  const to = range.to.getTime();
  return [...planCheckinSends(input, months), ...planReviewSends(input)]
    .filter((send) => send.dueAt.getTime() >= from && send.dueAt.getTime() <= to)
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.key.localeCompare(b.key));
}
