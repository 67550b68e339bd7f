import loadHighs from 'highs';
import {
  createTeamScorer,
  SCORE_WEIGHTS,
  THEME_RANKS,
} from '../../src/core/team-formation/create-team-scorer';
import { indexInstance } from '../../src/core/team-formation/index-instance';
import type { TeamFormationInput } from '../../src/core/team-formation/team-formation';

/** Seconds HiGHS may spend on one phase; generous for N ≤ 30, and reported when reached. */
const TIME_LIMIT_SECONDS = 300;

/** The optimum found by HiGHS, and whether it is proven. */
export interface OptimumOutcome {
  teams: string[][];
  /** Worst team score and mean, as the MIP model computes them (checked against the shared scorer). */
  worst: number;
  mean: number;
  /** "Optimal" for both phases when the optimum is proven. */
  status: string;
  seconds: number;
  variables: number;
  constraints: number;
}

/**
 * The exact lexicographic optimum (worst team, then mean) as two mixed-integer programs in CPLEX
 * LP format. The engine's score is linear once team sizes are fixed: branch, role and region
 * coverage become "present" indicators bounded by member counts, the distance to the branch mix
 * becomes absolute deviations, the theme score a chosen theme per team and per-member credits.
 * So the instance must have minSize = maxSize, every person a role, a region and themes, and no
 * isolation rule; the model is then the engine's objective exactly, not an approximation.
 * Teams are interchangeable, so the members of the largest organisation are pinned to teams
 * 0, 1, 2… to break symmetry.
 */
export async function solveOptimum(input: TeamFormationInput): Promise<OptimumOutcome> {
  const instance = indexInstance(input);
  const k = input.minSize;
  if (input.maxSize !== k) throw new Error('the exact model needs minSize = maxSize');
  if (input.noIsolation !== undefined || (input.locked?.length ?? 0) > 0) {
    throw new Error('the exact model has no isolation rule and no locks');
  }
  const n = instance.people;
  const teams = instance.teamCount;
  const hasThemes = instance.themeIds.length > 0;
  for (let p = 0; p < n; p++) {
    const wishes = instance.themeStart[p + 1]! > instance.themeStart[p]!;
    if (instance.role[p]! < 0 || instance.region[p]! < 0 || wishes !== hasThemes) {
      throw new Error(
        'the exact model needs a role and a region for everyone, and themes for all or none',
      );
    }
  }
  const B = instance.branchIds.length;
  const R = instance.roleIds.length;
  const G = instance.regionIds.length;
  const H = instance.themeIds.length;
  const totalWeight =
    SCORE_WEIGHTS.branchCoverage +
    SCORE_WEIGHTS.branchBalance +
    SCORE_WEIGHTS.roleMix +
    SCORE_WEIGHTS.regionMix +
    (hasThemes ? SCORE_WEIGHTS.themes : 0);
  const scale = 100 / totalWeight;
  const { best, worst } = distanceBounds(instance.branchShare, k);

  const x = (i: number, t: number) => `x_${i}_${t}`;
  const rows: string[] = [];
  const members = (category: Int32Array, value: number) =>
    Array.from({ length: n }, (_, i) => i).filter((i) => category[i] === value);

  // Score of team t = constant + linear terms.
  const scoreTerms: string[][] = Array.from({ length: teams }, () => []);
  const term = (coefficient: number, variable: string) =>
    `${coefficient >= 0 ? '+' : '-'} ${Math.abs(coefficient).toPrecision(15)} ${variable}`;
  const balanceRange = worst - best;
  const constant =
    balanceRange < 1e-12
      ? scale * SCORE_WEIGHTS.branchBalance
      : scale * SCORE_WEIGHTS.branchBalance * (1 + best / balanceRange);

  for (let i = 0; i < n; i++) {
    rows.push(
      `assign_${i}: ${Array.from({ length: teams }, (_, t) => `+ ${x(i, t)}`).join(' ')} = 1`,
    );
  }
  for (let t = 0; t < teams; t++) {
    rows.push(`size_${t}: ${Array.from({ length: n }, (_, i) => `+ ${x(i, t)}`).join(' ')} = ${k}`);
    for (let o = 0; o < instance.organisationIds.length; o++) {
      const same = members(instance.organisation, o);
      if (same.length > 1)
        rows.push(`org_${o}_${t}: ${same.map((i) => `+ ${x(i, t)}`).join(' ')} <= 1`);
    }
    (input.apart ?? []).forEach(([a, b], j) => {
      const ia = instance.personIds.indexOf(a);
      const ib = instance.personIds.indexOf(b);
      rows.push(`apart_${j}_${t}: + ${x(ia, t)} + ${x(ib, t)} <= 1`);
    });
    for (let b = 0; b < B; b++) {
      const inBranch = members(instance.branch, b)
        .map((i) => `- ${x(i, t)}`)
        .join(' ');
      rows.push(`branch_${b}_${t}: + yb_${b}_${t} ${inBranch} <= 0`);
      scoreTerms[t]!.push(
        term((scale * SCORE_WEIGHTS.branchCoverage) / Math.min(k, B), `yb_${b}_${t}`),
      );
      if (balanceRange >= 1e-12) {
        const ideal = k * instance.branchShare[b]!;
        const plus = members(instance.branch, b)
          .map((i) => `+ ${x(i, t)}`)
          .join(' ');
        rows.push(`over_${b}_${t}: + e_${b}_${t} ${inBranch} >= ${(-ideal).toPrecision(15)}`);
        rows.push(`under_${b}_${t}: + e_${b}_${t} ${plus} >= ${ideal.toPrecision(15)}`);
        scoreTerms[t]!.push(
          term((-scale * SCORE_WEIGHTS.branchBalance) / (balanceRange * 2 * k), `e_${b}_${t}`),
        );
      }
    }
    for (let r = 0; r < R; r++) {
      rows.push(
        `role_${r}_${t}: + yr_${r}_${t} ${members(instance.role, r)
          .map((i) => `- ${x(i, t)}`)
          .join(' ')} <= 0`,
      );
      scoreTerms[t]!.push(term((scale * SCORE_WEIGHTS.roleMix) / Math.min(k, R), `yr_${r}_${t}`));
    }
    for (let g = 0; g < G; g++) {
      rows.push(
        `region_${g}_${t}: + yg_${g}_${t} ${members(instance.region, g)
          .map((i) => `- ${x(i, t)}`)
          .join(' ')} <= 0`,
      );
      scoreTerms[t]!.push(term((scale * SCORE_WEIGHTS.regionMix) / Math.min(k, G), `yg_${g}_${t}`));
    }
    if (hasThemes)
      rows.push(
        `theme_${t}: ${Array.from({ length: H }, (_, h) => `+ w_${h}_${t}`).join(' ')} = 1`,
      );
    for (let i = 0; i < n && hasThemes; i++) {
      rows.push(`credit_${i}_${t}: + u_${i}_${t} - ${x(i, t)} <= 0`);
      const start = instance.themeStart[i]!;
      const end = Math.min(instance.themeStart[i + 1]!, start + THEME_RANKS);
      const wishes = [];
      for (let j = start; j < end; j++) {
        wishes.push(
          `- ${((THEME_RANKS - (j - start)) / THEME_RANKS).toPrecision(15)} w_${instance.themeList[j]}_${t}`,
        );
      }
      rows.push(`wish_${i}_${t}: + u_${i}_${t} ${wishes.join(' ')} <= 0`);
      scoreTerms[t]!.push(term((scale * SCORE_WEIGHTS.themes) / k, `u_${i}_${t}`));
    }
  }

  // Symmetry: the largest organisation's members go to teams 0, 1, 2… (they must be apart anyway).
  let largest = 0;
  for (let o = 1; o < instance.organisationIds.length; o++) {
    if (members(instance.organisation, o).length > members(instance.organisation, largest).length)
      largest = o;
  }
  const pinned = members(instance.organisation, largest).map((i, t) => `${x(i, t)} = 1`);

  const binaries: string[] = [];
  for (let i = 0; i < n; i++) for (let t = 0; t < teams; t++) binaries.push(x(i, t));
  for (let h = 0; h < H; h++) for (let t = 0; t < teams; t++) binaries.push(`w_${h}_${t}`);
  const bounded: string[] = [];
  for (let t = 0; t < teams; t++) {
    for (let b = 0; b < B; b++) bounded.push(`0 <= yb_${b}_${t} <= 1`);
    for (let r = 0; r < R; r++) bounded.push(`0 <= yr_${r}_${t} <= 1`);
    for (let g = 0; g < G; g++) bounded.push(`0 <= yg_${g}_${t} <= 1`);
  }

  const model = (objective: string, extra: string[]) =>
    [
      'Maximize',
      ` obj: ${objective}`,
      'Subject To',
      ...rows.map((row) => ` ${row}`),
      ...extra.map((row) => ` ${row}`),
      'Bounds',
      ...bounded.map((row) => ` ${row}`),
      ...pinned.map((row) => ` ${row}`),
      'Binaries',
      ` ${binaries.join(' ')}`,
      'End',
    ].join('\n');

  const highs = await loadHighs();
  const options = {
    time_limit: TIME_LIMIT_SECONDS,
    mip_rel_gap: 1e-9,
    output_flag: false,
  } as const;
  const started = performance.now();
  // Phase 1: the best worst team.
  const floor = Array.from(
    { length: teams },
    (_, t) =>
      `floor_${t}: + z ${scoreTerms[t]!.map(negate).join(' ')} <= ${constant.toPrecision(15)}`,
  );
  // The worst team is never above the mean: a valid cut that tightens the relaxation.
  const meanCut = `mean_cut: + ${teams} z ${scoreTerms.flat().map(negate).join(' ')} <= ${(teams * constant).toPrecision(15)}`;
  const first = highs.solve(model('z', [...floor, meanCut]), options);
  if (first.Status !== 'Optimal' && first.Status !== 'Time limit reached')
    throw new Error(`HiGHS: ${first.Status}`);
  const bestWorst = first.ObjectiveValue;
  // Phase 2: the best total with every team at least that good (a hair of slack for rounding).
  const keep = Array.from(
    { length: teams },
    (_, t) =>
      `keep_${t}: ${scoreTerms[t]!.join(' ')} >= ${(bestWorst - 1e-7 - constant).toPrecision(15)}`,
  );
  const second = highs.solve(model(scoreTerms.flat().join(' '), keep), options);
  if (second.Status !== 'Optimal' && second.Status !== 'Time limit reached')
    throw new Error(`HiGHS: ${second.Status}`);
  const seconds = (performance.now() - started) / 1000;

  const formed: string[][] = Array.from({ length: teams }, () => []);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < teams; t++) {
      const column = second.Columns[x(i, t)];
      if (column && 'Primal' in column && column.Primal > 0.5)
        formed[t]!.push(instance.personIds[i]!);
    }
  }
  // Cross-check the model against the shared scorer: they must agree on the formation found.
  const scorer = createTeamScorer(instance);
  const index = new Map(instance.personIds.map((id, p) => [id, p]));
  const scores = formed.map((list) =>
    scorer.score(
      list.map((id) => index.get(id)!),
      -1,
      -1,
    ),
  );
  const modelMean = (second.ObjectiveValue + teams * constant) / teams;
  const mean = scores.reduce((sum, score) => sum + score, 0) / teams;
  if (Math.abs(Math.min(...scores) - bestWorst) > 1e-4 || Math.abs(mean - modelMean) > 1e-4) {
    throw new Error(
      `MIP model and scorer disagree: ${bestWorst}/${modelMean} vs ${Math.min(...scores)}/${mean}`,
    );
  }
  return {
    teams: formed,
    worst: bestWorst,
    mean: modelMean,
    status:
      first.Status === 'Optimal' && second.Status === 'Optimal'
        ? 'Optimal'
        : `${first.Status} / ${second.Status}`,
    seconds,
    variables: Object.keys(second.Columns).length,
    constraints: rows.length + keep.length,
  };
}

function negate(term: string): string {
  return term.startsWith('+') ? `-${term.slice(1)}` : `+${term.slice(1)}`;
}

// Same rule as the scorer: best = largest-remainder rounding of the ideal counts (optimal for L1),
// worst = everyone in the rarest branch.
function distanceBounds(shares: Float64Array, size: number): { best: number; worst: number } {
  const ideal = Array.from(shares, (share) => share * size);
  const counts = ideal.map(Math.floor);
  let left = size - counts.reduce((sum, count) => sum + count, 0);
  const order = ideal
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of order) {
    if (left-- <= 0) break;
    counts[index]!++;
  }
  const best =
    ideal.reduce((sum, value, index) => sum + Math.abs(counts[index]! - value), 0) / (2 * size);
  return { best, worst: 1 - Math.min(...shares) };
}
