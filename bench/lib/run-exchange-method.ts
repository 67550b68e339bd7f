import { compareObjectives } from '../../src/core/team-formation/compare-objectives';
import type { Random } from '../../src/core/team-formation/create-random';
import type { TeamFormationInput } from '../../src/core/team-formation/team-formation';
import { createRandomFormation } from './random-formations';

/** What the exchange method ended with. */
export interface ExchangeOutcome {
  teams: string[][];
  passes: number;
  evaluations: number;
  /** False when it stopped at the pass cap rather than at a local maximum. */
  converged: boolean;
}

/**
 * Clean-room exchange method for anticlustering (Papenberg & Klau 2021, after Späth 1986):
 * from a random valid partition, take each element in turn, try exchanging it with every element
 * of every other cluster, and apply the exchange that improves the objective most, if any. One
 * pass is their "exchange" method; repeating passes until none improves is their
 * "local-maximum" variant, used here up to `maxPasses`. The cannot-link constraint (same
 * organisation, "apart" pairs) is kept by only trying exchanges that respect it. The objective is
 * the engine's own (worst team, then mean), so only the search differs.
 */
export function runExchangeMethod(
  input: TeamFormationInput,
  random: Random,
  maxPasses: number,
): ExchangeOutcome {
  const state = createRandomFormation(input, random);
  const { instance, teamOf, scores, candidate } = state;
  let evaluations = 0;
  let passes = 0;
  let converged = false;
  while (passes < maxPasses) {
    passes++;
    let improved = false;
    for (let i = 0; i < instance.people; i++) {
      const a = teamOf[i]!;
      let bestWorst = state.worst();
      let bestSum = state.sum;
      let bestJ = -1;
      let bestA = 0;
      let bestB = 0;
      for (let j = 0; j < instance.people; j++) {
        const b = teamOf[j]!;
        if (b === a || !state.canSwap(i, j)) continue;
        state.evaluateSwap(i, j);
        evaluations++;
        const newA = candidate[0]!;
        const newB = candidate[1]!;
        const worst = Math.min(newA, newB, state.worstExcept(a, b));
        const sum = state.sum - scores[a]! - scores[b]! + newA + newB;
        if (compareObjectives(worst, sum, bestWorst, bestSum) > 0) {
          [bestWorst, bestSum, bestJ, bestA, bestB] = [worst, sum, j, newA, newB];
        }
      }
      if (bestJ >= 0) {
        state.applySwap(i, bestJ, bestA, bestB);
        improved = true;
      }
    }
    if (!improved) {
      converged = true;
      break;
    }
  }
  return {
    teams: state.members.map((list) =>
      [...list].sort((x, y) => x - y).map((p) => instance.personIds[p]!),
    ),
    passes,
    evaluations,
    converged,
  };
}
