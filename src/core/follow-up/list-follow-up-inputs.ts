import { addDays } from '../scheduling/add-days';
import type { FollowUpPlanInput } from './follow-up-plan-input';
import type { FollowUpSources } from './follow-up-sources';
import { loadFollowUpInput } from './load-follow-up-input';

/**
 * Days before the follow-up starts and after the programme ends during which its sends are still
 * looked at: more than the longest window (a month's check-in stays open until the next one).
 */
export const FOLLOW_UP_MARGIN_DAYS = 45;

/** The plan inputs of every programme whose follow-up is under way around `today` (YYYY-MM-DD). */
export async function listFollowUpInputs(
  sources: FollowUpSources,
  today: string,
): Promise<FollowUpPlanInput[]> {
  const inputs: FollowUpPlanInput[] = [];
  for (const programme of await sources.programmes.list()) {
    const { followUpStart, end } = programme.milestones;
    if (today < addDays(followUpStart, -FOLLOW_UP_MARGIN_DAYS)) continue;
    if (today > addDays(end, FOLLOW_UP_MARGIN_DAYS)) continue;
    inputs.push(await loadFollowUpInput(programme, sources));
  }
  return inputs;
}
