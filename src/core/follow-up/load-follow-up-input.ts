import type { Programme } from '../programmes/programme';
import type { FollowUpPlanInput } from './follow-up-plan-input';
import type { FollowUpSources } from './follow-up-sources';
import { listLabTeam } from './list-lab-team';

/**
 * The plan input of one programme: its teams, the configured Lab team, and the zone each person
 * last wrote from, read once so planning itself touches no store.
 */
export async function loadFollowUpInput(
  programme: Programme,
  sources: FollowUpSources,
): Promise<FollowUpPlanInput> {
  const teams = await sources.teams.listByProgramme(programme.id);
  const extraLabTeam = sources.labAdminIds.map((aadId) => ({ aadId, name: '' }));
  const people = new Set<string>();
  for (const team of teams) {
    people.add(team.leadAadId.toLowerCase());
    for (const person of [...team.members, ...team.facilitators]) {
      people.add(person.aadId.toLowerCase());
    }
  }
  for (const member of listLabTeam({ programme, extraLabTeam })) {
    people.add(member.aadId.toLowerCase());
  }
  const zones = new Map<string, string>();
  for (const aadId of people) {
    const context = await sources.conversations.getUserContext(aadId);
    if (context?.timezone) zones.set(aadId, context.timezone);
  }
  return {
    programme,
    teams,
    extraLabTeam,
    zoneOf: (aadId) => zones.get(aadId.toLowerCase()),
  };
}
