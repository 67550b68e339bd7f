import type { FollowUpPlanInput } from './follow-up-plan-input';
import type { LabMember } from '../programmes/follow-up-settings';
import { getFollowUpSettings } from '../programmes/get-follow-up-settings';

/** The Lab team of a programme: those it names, then the configured ones it does not, once each. */
export function listLabTeam(
  input: Pick<FollowUpPlanInput, 'programme' | 'extraLabTeam'>,
): LabMember[] {
  const members = new Map<string, LabMember>();
  for (const member of [
    ...getFollowUpSettings(input.programme).labTeam,
    ...(input.extraLabTeam ?? []),
  ]) {
    const id = member.aadId.toLowerCase();
    if (!members.has(id)) members.set(id, member);
  }
  return [...members.values()];
}
