import type { ProgrammeTeam } from '../programmes/programme-team';
import type { FollowUpPlanInput } from './follow-up-plan-input';
import type { FollowUpSources } from './follow-up-sources';
import { loadFollowUpInput } from './load-follow-up-input';

/** A team with everything its cards are computed from; undefined when the programme or team is unknown. */
export async function loadTeamContext(
  sources: FollowUpSources,
  programmeId: string,
  teamId: string,
): Promise<{ input: FollowUpPlanInput; team: ProgrammeTeam } | undefined> {
  const programme = await sources.programmes.get(programmeId);
  if (programme === undefined) return undefined;
  const input = await loadFollowUpInput(programme, sources);
  const team = input.teams.find((candidate) => candidate.id === teamId);
  return team === undefined ? undefined : { input, team };
}
