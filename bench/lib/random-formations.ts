import { buildInitialTeams } from '../../src/core/team-formation/build-initial-teams';
import {
  createAssignmentState,
  type AssignmentState,
} from '../../src/core/team-formation/create-assignment-state';
import type { Random } from '../../src/core/team-formation/create-random';
import { createTeamScorer } from '../../src/core/team-formation/create-team-scorer';
import { indexInstance } from '../../src/core/team-formation/index-instance';
import type { TeamFormationInput } from '../../src/core/team-formation/team-formation';

/** Attempted random swaps (or moves) per person between two samples, so samples decorrelate. */
const WALK_STEPS_PER_PERSON = 1;
/** Walk length before the first sample, to forget the deal it starts from. */
const BURN_IN_STEPS_PER_PERSON = 5;

/** A valid formation chosen at random: a seeded deal, then a long random walk of valid swaps and moves. */
export function createRandomFormation(input: TeamFormationInput, random: Random): AssignmentState {
  const instance = indexInstance(input);
  const state = createAssignmentState(instance, createTeamScorer(instance));
  const reasons = buildInitialTeams(state, random);
  if (reasons.length > 0) throw new Error(`instance is not feasible: ${reasons[0]!.code}`);
  walk(state, random, BURN_IN_STEPS_PER_PERSON * instance.people);
  state.rescore();
  return state;
}

/**
 * Visits `count` random valid formations along one random walk and calls `visit` on each (scores
 * are fresh when it is called). Memory stays at one formation whatever the count.
 */
export function walkRandomFormations(
  input: TeamFormationInput,
  count: number,
  random: Random,
  visit: (state: AssignmentState) => void,
): void {
  const state = createRandomFormation(input, random);
  for (let sample = 0; sample < count; sample++) {
    if (sample > 0) walk(state, random, WALK_STEPS_PER_PERSON * state.instance.people);
    state.rescore();
    visit(state);
  }
}

// Scores are left stale during the walk (applied as 0) and recomputed by the caller's rescore().
function walk(state: AssignmentState, random: Random, steps: number): void {
  const { instance } = state;
  const sizesVary = instance.minSize < instance.maxSize;
  for (let step = 0; step < steps; step++) {
    const p = random.below(instance.people);
    if (sizesVary && random.next() < 0.5) {
      const t = random.below(instance.teamCount);
      if (state.canMove(p, t)) state.applyMove(p, t, 0, 0);
    } else {
      const q = random.below(instance.people);
      if (state.canSwap(p, q)) state.applySwap(p, q, 0, 0);
    }
  }
}
