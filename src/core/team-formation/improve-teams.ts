import { compareObjectives, SCORE_EPSILON } from './compare-objectives';
import type { AssignmentState } from './create-assignment-state';
import type { Random } from './create-random';

/**
 * Search budget per participant. Measured with `npm run bench -- team-formation`: 200 steps per
 * person keeps 5,000 people in 800 teams well under the 2-second target on a 2-core machine, and
 * the worst team of the 300- to 5,000-person instances gains little beyond it.
 */
export const SEARCH_STEPS_PER_PERSON = 200;
/**
 * Small programmes (the 2022 edition had 39 people) get at least this many steps, about 30 ms:
 * on the benchmark's instances of 20 to 30 people it is what reaches the proven optimum.
 */
export const MIN_SEARCH_STEPS = 60_000;
/**
 * Late-acceptance memory, as a share of the steps and within bounds: a move is taken if it is
 * no worse than the formation that many steps ago. Burke & Bykov (2017) found lengths of a few
 * hundred to a few thousand robust; steps / 200, between 100 and 500, did best on the benchmark.
 */
export const LATE_ACCEPTANCE_SHARE = 1 / 200;
export const LATE_ACCEPTANCE_LIMITS = { min: 100, max: 500 } as const;
/** Share of steps that pick their first person in the worst team, which decides the objective. */
export const WORST_TEAM_SHARE = 0.5;
/** Share of steps that move one person instead of swapping two, when team sizes may differ. */
export const MOVE_SHARE = 0.2;
/**
 * Up to this many people, the search ends with full exchange passes (every person against every
 * other, as in the exchange method of anticlustering) until none improves: O(people²) per pass.
 * Above it only the worst team's members are tried against everyone, which keeps 5,000 people fast.
 */
export const FULL_DESCENT_MAX_PEOPLE = 400;
/** Cap on descent passes; on the benchmark a local optimum is reached in 2 to 4 passes. */
export const MAX_DESCENT_PASSES = 20;

/** The number of search steps for an instance: a pure function of its size, never of time. */
export function getSearchSteps(people: number): number {
  return Math.max(MIN_SEARCH_STEPS, SEARCH_STEPS_PER_PERSON * people);
}

/**
 * Improves a valid formation without ever breaking a hard rule: late-acceptance hill climbing
 * over swaps and moves on the objective (worst team, then mean), then a descent that applies each
 * person's best exchange until none improves. Returns with the best formation found loaded.
 */
export function improveTeams(state: AssignmentState, random: Random, steps: number): void {
  const { instance, members, teamOf, scores, candidate } = state;
  const free: number[] = [];
  for (let p = 0; p < instance.people; p++) if (instance.lockedTeam[p]! < 0) free.push(p);
  if (free.length < 2 || instance.teamCount < 2) return;
  const sizesVary = instance.minSize < instance.maxSize;
  const historyLength = Math.round(
    Math.min(
      LATE_ACCEPTANCE_LIMITS.max,
      Math.max(LATE_ACCEPTANCE_LIMITS.min, steps * LATE_ACCEPTANCE_SHARE),
    ),
  );

  const historyWorst = new Float64Array(historyLength).fill(state.worst());
  const historySum = new Float64Array(historyLength).fill(state.sum);
  let bestWorst = state.worst();
  let bestSum = state.sum;
  let atBest = true;
  const best = new Int32Array(instance.people);

  for (let step = 0; step < steps; step++) {
    let p = free[random.below(free.length)]!;
    if (random.next() < WORST_TEAM_SHARE) {
      const worstMembers = members[state.worstTeam()]!;
      const candidate = worstMembers[random.below(worstMembers.length)];
      if (candidate !== undefined && instance.lockedTeam[candidate]! < 0) p = candidate;
    }
    const a = teamOf[p]!;
    let b: number;
    let q = -1;
    if (sizesVary && random.next() < MOVE_SHARE) {
      b = random.below(instance.teamCount);
      if (!state.canMove(p, b)) continue;
    } else {
      q = free[random.below(free.length)]!;
      b = teamOf[q]!;
      if (!state.canSwap(p, q)) continue;
    }
    if (q >= 0) state.evaluateSwap(p, q);
    else state.evaluateMove(p, b);
    const newA = candidate[0]!;
    const newB = candidate[1]!;
    const slot = step % historyLength;
    // A team below both the current and the remembered worst can only lose: skip the rest.
    const floor = Math.min(historyWorst[slot]!, state.worst()) - SCORE_EPSILON;
    if (newA < floor || newB < floor) {
      historyWorst[slot] = state.worst();
      historySum[slot] = state.sum;
      continue;
    }
    const worst = Math.min(newA, newB, state.worstExcept(a, b));
    const sum = state.sum - scores[a]! - scores[b]! + newA + newB;
    const accepted =
      compareObjectives(worst, sum, historyWorst[slot]!, historySum[slot]!) >= 0 ||
      compareObjectives(worst, sum, state.worst(), state.sum) >= 0;
    if (accepted) {
      const versusBest = compareObjectives(worst, sum, bestWorst, bestSum);
      if (atBest && versusBest < 0) {
        best.set(teamOf);
        atBest = false;
      }
      if (q >= 0) state.applySwap(p, q, newA, newB);
      else state.applyMove(p, b, newA, newB);
      if (versusBest >= 0) {
        bestWorst = worst;
        bestSum = sum;
        atBest = true;
      }
    }
    historyWorst[slot] = state.worst();
    historySum[slot] = state.sum;
  }
  if (!atBest) state.load(best);
  else state.rescore();

  for (let pass = 0; pass < MAX_DESCENT_PASSES; pass++) {
    const tried = instance.people <= FULL_DESCENT_MAX_PEOPLE ? free : freeIn(state, free);
    if (!descend(state, tried, free, sizesVary)) break;
  }
}

function freeIn(state: AssignmentState, free: number[]): number[] {
  const worstTeam = state.worstTeam();
  return free.filter((p) => state.teamOf[p] === worstTeam);
}

/** One exchange pass: each person in `tried` takes its best improving swap or move, if any. */
function descend(
  state: AssignmentState,
  tried: number[],
  free: number[],
  sizesVary: boolean,
): boolean {
  const { teamOf, scores, instance, candidate } = state;
  let improved = false;
  for (const p of tried) {
    let bestWorst = state.worst();
    let bestSum = state.sum;
    let bestQ = -1;
    let bestTeam = -1;
    let bestA = 0;
    let bestB = 0;
    const a = teamOf[p]!;
    for (const q of free) {
      const b = teamOf[q]!;
      if (b === a || !state.canSwap(p, q)) continue;
      state.evaluateSwap(p, q);
      const newA = candidate[0]!;
      const newB = candidate[1]!;
      const worst = Math.min(newA, newB, state.worstExcept(a, b));
      const sum = state.sum - scores[a]! - scores[b]! + newA + newB;
      if (compareObjectives(worst, sum, bestWorst, bestSum) > 0) {
        [bestWorst, bestSum, bestQ, bestTeam, bestA, bestB] = [worst, sum, q, b, newA, newB];
      }
    }
    if (sizesVary) {
      for (let b = 0; b < instance.teamCount; b++) {
        if (!state.canMove(p, b)) continue;
        state.evaluateMove(p, b);
        const newA = candidate[0]!;
        const newB = candidate[1]!;
        const worst = Math.min(newA, newB, state.worstExcept(a, b));
        const sum = state.sum - scores[a]! - scores[b]! + newA + newB;
        if (compareObjectives(worst, sum, bestWorst, bestSum) > 0) {
          [bestWorst, bestSum, bestQ, bestTeam, bestA, bestB] = [worst, sum, -1, b, newA, newB];
        }
      }
    }
    if (bestTeam < 0) continue;
    if (bestQ >= 0) state.applySwap(p, bestQ, bestA, bestB);
    else state.applyMove(p, bestTeam, bestA, bestB);
    improved = true;
  }
  return improved;
}
