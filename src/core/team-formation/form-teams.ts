import { assignFacilitators, type FacilitatorAssignment } from './assign-facilitators';
import { buildInitialTeams } from './build-initial-teams';
import { checkFeasibility } from './check-feasibility';
import { countHardViolations } from './count-hard-violations';
import { createAssignmentState } from './create-assignment-state';
import { createRandom } from './create-random';
import { createTeamScorer } from './create-team-scorer';
import { describeInfeasibility } from './describe-infeasibility';
import { describeTeam } from './describe-team';
import { getSearchSteps, improveTeams } from './improve-teams';
import { indexInstance } from './index-instance';
import type {
  FormedTeam,
  InfeasibilityReason,
  TeamFormationInput,
  TeamFormationLanguage,
  TeamFormationOutcome,
} from './team-formation';

/** How a formation is run: the seed makes it reproducible; another seed gives another good formation. */
export interface FormTeamsOptions {
  seed: number;
  language?: TeamFormationLanguage;
  /** Search steps; defaults to getSearchSteps(people). Tests lower it to stay quick. */
  steps?: number;
}

/**
 * Forms teams from a validated input: never breaks a hard rule, maximises the worst team's score
 * then the mean, and gives each team two facilitators. Pure: the same input and seed give the
 * same result, byte for byte once serialised.
 */
export function formTeams(
  input: TeamFormationInput,
  options: FormTeamsOptions,
): TeamFormationOutcome {
  const { seed } = options;
  const language = options.language ?? 'fr';
  const names = new Map((input.organisations ?? []).map(({ id, name }) => [id, name]));
  const nameOf = (organisation: string): string => names.get(organisation) ?? organisation;
  const infeasible = (reasons: InfeasibilityReason[]): TeamFormationOutcome => ({
    feasible: false,
    reasons,
    explanation: reasons.map((reason) => describeInfeasibility(reason, language, nameOf)),
    seed,
  });

  const early = checkFeasibility(input);
  if (early.length > 0) return infeasible(early);
  const instance = indexInstance(input);
  const random = createRandom(seed);
  const scorer = createTeamScorer(instance);
  const state = createAssignmentState(instance, scorer);
  const stuck = buildInitialTeams(state, random);
  if (stuck.length > 0) return infeasible(stuck);
  state.rescore();
  improveTeams(state, random, options.steps ?? getSearchSteps(instance.people));

  const memberLists = state.members.map((list) => [...list].sort((a, b) => a - b));
  const facilitators = input.facilitators ?? [];
  let assignment: FacilitatorAssignment | undefined;
  if (facilitators.length > 0) {
    const teamOrganisations = memberLists.map(
      (list) => new Set(list.map((p) => instance.organisationIds[instance.organisation[p]!]!)),
    );
    assignment = assignFacilitators(teamOrganisations, facilitators);
  }
  const maxLoad = assignment ? Math.max(...assignment.load) : 0;

  let worst = Infinity;
  let total = 0;
  const teams = memberLists.map((list, t): FormedTeam => {
    const details = scorer.details(list);
    worst = Math.min(worst, details.score);
    total += details.score;
    const facilitatorIds = (assignment?.teams[t] ?? []).map((f) => facilitators[f]!.id);
    const explanation = describeTeam(
      details,
      instance,
      assignment && {
        ids: facilitatorIds,
        fromMemberOrganisations: assignment.conflicts[t]!.map((f) => facilitators[f]!),
        maxLoad,
      },
      language,
      nameOf,
    );
    return {
      members: list.map((p) => instance.personIds[p]!),
      facilitators: facilitatorIds,
      score: roundScore(details.score),
      ...(details.themes ? { theme: instance.themeIds[details.themes.theme]! } : {}),
      explanation,
    };
  });

  const hardViolations = countHardViolations(
    input,
    teams.map((team) => team.members),
  );
  // The construction and every search move check the hard rules; reaching this is a bug.
  if (hardViolations > 0) throw new Error(`team formation broke ${hardViolations} hard rule(s)`);
  return {
    feasible: true,
    result: {
      teams,
      worstScore: roundScore(worst),
      meanScore: roundScore(total / teams.length),
      hardViolations,
      seed,
    },
  };
}

// One decimal is finer than any sentence shows and keeps printed results stable across platforms.
function roundScore(score: number): number {
  return Math.round(score * 10) / 10;
}
