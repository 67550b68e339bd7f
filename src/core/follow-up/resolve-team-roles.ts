import type { ProgrammeTeam } from '../programmes/programme-team';
import type { FollowUpActor } from './follow-up-actor';
import type { FollowUpPlanInput } from './follow-up-plan-input';
import { listLabTeam } from './list-lab-team';

/** What a person is to a team; one person can be several (a facilitator who is also Lab team). */
export interface TeamRoles {
  lead: boolean;
  member: boolean;
  facilitator: boolean;
  lab: boolean;
}

/** The person's roles for a team; the Lab team is the configured one plus the programme's own. */
export function resolveTeamRoles(
  actor: FollowUpActor,
  team: ProgrammeTeam,
  input: Pick<FollowUpPlanInput, 'programme' | 'extraLabTeam'>,
): TeamRoles {
  // Entra object ids are GUIDs whose case differs between Teams and files.
  const id = actor.aadId.toLowerCase();
  const is = (other: string): boolean => other.toLowerCase() === id;
  return {
    lead: is(team.leadAadId),
    member: is(team.leadAadId) || team.members.some((m) => is(m.aadId)),
    facilitator: team.facilitators.some((f) => is(f.aadId)),
    lab: actor.isLab || listLabTeam(input).some((l) => is(l.aadId)),
  };
}
