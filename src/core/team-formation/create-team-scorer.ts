import type { IndexedInstance } from './index-instance';

/**
 * Weights of the soft objectives in a team's 0–100 score. Mixing branches is the rule the Lab
 * states first after "no colleague from your own organisation" (2022 edition), so it weighs most;
 * themes come next because they decide what a team works on; role, region and isolation refine.
 * An objective nobody gave data for (no roles, no themes…) is left out and the others rescale.
 */
export const SCORE_WEIGHTS = {
  branchCoverage: 30,
  branchBalance: 15,
  roleMix: 15,
  regionMix: 10,
  themes: 20,
  isolation: 10,
} as const;

/**
 * Ranked theme wishes that count: candidacy forms ask for three at most. Rank k (0 first) counts
 * (THEME_RANKS − k) / THEME_RANKS: a first choice fully, a second two thirds, a third one third.
 */
export const THEME_RANKS = 3;

// Cells per person in the packed table: branch, role, region, isolation value, then the wishes.
const STRIDE = 4 + THEME_RANKS;

/** What a team's score is made of, for the sentences under it. */
export interface TeamScoreDetails {
  size: number;
  score: number;
  branches: number[];
  /** Most branches this team could cover: min(size, branches among all participants). */
  branchesPossible: number;
  /** 1 when the team's branch mix is as close to the participants' mix as its size allows. */
  branchBalance: number;
  roles?: { present: number[]; possible: number };
  regions?: { present: number[]; possible: number };
  themes?: { theme: number; wishers: number; fans: number; firstChoice: number };
  /** Members alone in the team with their value of the no-isolation attribute. */
  isolated?: number[];
}

/** Scores teams of person indices; the one objective the engine, tests and benchmarks share. */
export interface TeamScorer {
  /** Score of `members` without `leaving` and with `joining` (-1 for none), without changing anything. */
  score(members: readonly number[], leaving: number, joining: number): number;
  details(members: readonly number[]): TeamScoreDetails;
  /**
   * The score from a team's tallies, for callers that keep tallies up to date themselves:
   * `gap` is the sum over present branches of |count − share × size|, `sharePresent` their
   * total share, `themeWeight` the best theme's weight in thirds, `alone` the isolated members.
   */
  fromTallies(
    size: number,
    branches: number,
    gap: number,
    sharePresent: number,
    roles: number,
    withRole: number,
    regions: number,
    withRegion: number,
    themeWeight: number,
    wishers: number,
    alone: number,
    withValue: number,
  ): number;
}

/** Builds the scorer for one instance; its scratch space is O(categories + max team size). */
export function createTeamScorer(instance: IndexedInstance): TeamScorer {
  return new Scorer(instance);
}

// A class rather than closures: every instance shares the same methods, so the search's call
// sites stay monomorphic when a long-running bot forms teams for many programmes.
class Scorer implements TeamScorer {
  private readonly branchShare: Float64Array;
  private readonly branchTotal: number;
  private readonly roleTotal: number;
  private readonly regionTotal: number;
  private readonly hasThemes: boolean;
  private readonly hasIsolation: boolean;
  private readonly totalWeight: number;
  private readonly packed: Int32Array;
  private readonly branchCount: Int32Array;
  private readonly roleCount: Int32Array;
  private readonly regionCount: Int32Array;
  private readonly isolationCount: Int32Array;
  private readonly themeWeight: Int32Array;
  private readonly touchedBranches: Int32Array;
  private readonly touchedRoles: Int32Array;
  private readonly touchedRegions: Int32Array;
  private readonly touchedValues: Int32Array;
  private readonly touchedThemes: Int32Array;
  private readonly bestDistanceBySize: Float64Array;
  private readonly worstDistance: number;

  constructor(instance: IndexedInstance) {
    const { themeStart, themeList } = instance;
    this.branchShare = instance.branchShare;
    this.branchTotal = instance.branchIds.length;
    this.roleTotal = instance.roleIds.length;
    this.regionTotal = instance.regionIds.length;
    this.hasThemes = instance.themeIds.length > 0;
    this.hasIsolation = instance.isolationValues.length > 0;
    this.totalWeight =
      SCORE_WEIGHTS.branchCoverage +
      SCORE_WEIGHTS.branchBalance +
      (this.roleTotal > 0 ? SCORE_WEIGHTS.roleMix : 0) +
      (this.regionTotal > 0 ? SCORE_WEIGHTS.regionMix : 0) +
      (this.hasThemes ? SCORE_WEIGHTS.themes : 0) +
      (this.hasIsolation ? SCORE_WEIGHTS.isolation : 0);

    // Each person's categories side by side (branch, role, region, isolation value, then the
    // counted theme wishes, -1 when absent): one cache line per person in the hot loop.
    this.packed = new Int32Array(instance.people * STRIDE).fill(-1);
    for (let p = 0; p < instance.people; p++) {
      const base = p * STRIDE;
      this.packed[base] = instance.branch[p]!;
      this.packed[base + 1] = instance.role[p]!;
      this.packed[base + 2] = instance.region[p]!;
      this.packed[base + 3] = instance.isolation[p]!;
      const start = themeStart[p]!;
      const end = Math.min(themeStart[p + 1]!, start + THEME_RANKS);
      for (let k = start; k < end; k++) this.packed[base + 4 + k - start] = themeList[k]!;
    }

    this.branchCount = new Int32Array(this.branchTotal);
    this.roleCount = new Int32Array(this.roleTotal);
    this.regionCount = new Int32Array(this.regionTotal);
    this.isolationCount = new Int32Array(instance.isolationValues.length);
    // Theme weights in thirds (3, 2, 1 for ranks 0, 1, 2), so the tallies stay integers.
    this.themeWeight = new Int32Array(instance.themeIds.length);
    const capacity = Math.min(instance.maxSize, instance.people) + 2;
    this.touchedBranches = new Int32Array(capacity);
    this.touchedRoles = new Int32Array(capacity);
    this.touchedRegions = new Int32Array(capacity);
    this.touchedValues = new Int32Array(capacity);
    this.touchedThemes = new Int32Array(capacity * THEME_RANKS);
    this.bestDistanceBySize = new Float64Array(capacity + 1).fill(-1);
    this.worstDistance = 1 - Math.min(...this.branchShare);
  }

  score(members: readonly number[], leaving: number, joining: number): number {
    return this.evaluate(members, leaving, joining, undefined);
  }

  details(members: readonly number[]): TeamScoreDetails {
    const details: TeamScoreDetails = {
      size: 0,
      score: 0,
      branches: [],
      branchesPossible: 0,
      branchBalance: 0,
    };
    this.evaluate(members, -1, -1, details);
    return details;
  }

  fromTallies(
    size: number,
    branches: number,
    gap: number,
    sharePresent: number,
    roles: number,
    withRole: number,
    regions: number,
    withRegion: number,
    bestThemeWeight: number,
    wishers: number,
    alone: number,
    withValue: number,
  ): number {
    if (size === 0) return 0;
    let sum =
      SCORE_WEIGHTS.branchCoverage * (branches / Math.min(size, this.branchTotal)) +
      SCORE_WEIGHTS.branchBalance * this.balanceOf(size, gap, sharePresent);
    if (this.roleTotal > 0) {
      sum +=
        SCORE_WEIGHTS.roleMix * (withRole === 0 ? 1 : roles / Math.min(withRole, this.roleTotal));
    }
    if (this.regionTotal > 0) {
      sum +=
        SCORE_WEIGHTS.regionMix *
        (withRegion === 0 ? 1 : regions / Math.min(withRegion, this.regionTotal));
    }
    if (this.hasThemes) {
      sum += SCORE_WEIGHTS.themes * (wishers === 0 ? 1 : bestThemeWeight / (wishers * THEME_RANKS));
    }
    if (this.hasIsolation) {
      sum += SCORE_WEIGHTS.isolation * (withValue === 0 ? 1 : 1 - alone / withValue);
    }
    return (100 * sum) / this.totalWeight;
  }

  // 1 when the team is as close to the participants' branch mix as its size allows, 0 when it is
  // as far as any team can be (everyone from the rarest branch); branches absent from the team
  // each miss share × size people.
  private balanceOf(size: number, gap: number, sharePresent: number): number {
    const distance = (gap + Math.max(0, 1 - sharePresent) * size) / (2 * size);
    const best = this.bestDistance(size);
    const range = this.worstDistance - best;
    return range < 1e-12 ? 1 : Math.min(1, Math.max(0, 1 - (distance - best) / range));
  }

  // Smallest distance to the participants' branch mix a team of this size can reach: round the
  // ideal counts down, then give the remaining seats to the largest remainders (optimal for L1).
  private bestDistance(size: number): number {
    const cached = this.bestDistanceBySize[size];
    if (cached !== undefined && cached >= 0) return cached;
    const ideal = Array.from(this.branchShare, (share) => share * size);
    const counts = ideal.map(Math.floor);
    let left = size - counts.reduce((sum, count) => sum + count, 0);
    const byRemainder = ideal
      .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
      .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
    for (const { index } of byRemainder) {
      if (left-- <= 0) break;
      counts[index]!++;
    }
    const distance =
      ideal.reduce((sum, value, index) => sum + Math.abs(counts[index]! - value), 0) / (2 * size);
    if (size < this.bestDistanceBySize.length) this.bestDistanceBySize[size] = distance;
    return distance;
  }

  // One pass over the members with every tally in a local variable: this runs for every
  // evaluation when per-team tallies are off, so it avoids objects and maps.
  private evaluate(
    members: readonly number[],
    leaving: number,
    joining: number,
    details: TeamScoreDetails | undefined,
  ): number {
    const { packed, branchCount, roleCount, regionCount, isolationCount, themeWeight } = this;
    const { touchedBranches, touchedRoles, touchedRegions, touchedValues, touchedThemes } = this;
    let size = 0;
    let branchesSeen = 0;
    let rolesSeen = 0;
    let withRole = 0;
    let regionsSeen = 0;
    let withRegion = 0;
    let valuesSeen = 0;
    let withValue = 0;
    let themesSeen = 0;
    let wishers = 0;
    const count = members.length;
    for (let i = 0; i <= count; i++) {
      let p: number;
      if (i < count) {
        p = members[i]!;
        if (p === leaving) continue;
      } else {
        if (joining < 0) break;
        p = joining;
      }
      size++;
      const base = p * STRIDE;
      const b = packed[base]!;
      if (branchCount[b]!++ === 0) touchedBranches[branchesSeen++] = b;
      const r = packed[base + 1]!;
      if (r >= 0) {
        withRole++;
        if (roleCount[r]!++ === 0) touchedRoles[rolesSeen++] = r;
      }
      const g = packed[base + 2]!;
      if (g >= 0) {
        withRegion++;
        if (regionCount[g]!++ === 0) touchedRegions[regionsSeen++] = g;
      }
      const v = packed[base + 3]!;
      if (v >= 0) {
        withValue++;
        if (isolationCount[v]!++ === 0) touchedValues[valuesSeen++] = v;
      }
      if (packed[base + 4]! >= 0) wishers++;
      for (let k = 0; k < THEME_RANKS; k++) {
        const theme = packed[base + 4 + k]!;
        if (theme < 0) break;
        if (themeWeight[theme] === 0) touchedThemes[themesSeen++] = theme;
        themeWeight[theme]! += THEME_RANKS - k;
      }
    }

    let score = 0;
    if (size > 0) {
      let gap = 0;
      let sharePresent = 0;
      for (let k = 0; k < branchesSeen; k++) {
        const b = touchedBranches[k]!;
        gap += Math.abs(branchCount[b]! - this.branchShare[b]! * size);
        sharePresent += this.branchShare[b]!;
      }
      // Ties between themes go to the one seen first in the input, so the choice is stable.
      let bestTheme = -1;
      for (let k = 0; k < themesSeen; k++) {
        const theme = touchedThemes[k]!;
        const weight = themeWeight[theme]!;
        if (
          bestTheme < 0 ||
          weight > themeWeight[bestTheme]! ||
          (weight === themeWeight[bestTheme]! && theme < bestTheme)
        ) {
          bestTheme = theme;
        }
      }
      let alone = 0;
      if (valuesSeen > 1) {
        for (let k = 0; k < valuesSeen; k++) if (isolationCount[touchedValues[k]!] === 1) alone++;
      }
      score = this.fromTallies(
        size,
        branchesSeen,
        gap,
        sharePresent,
        rolesSeen,
        withRole,
        regionsSeen,
        withRegion,
        bestTheme < 0 ? 0 : themeWeight[bestTheme]!,
        wishers,
        alone,
        withValue,
      );

      if (details) {
        const ascending = (list: Int32Array, seen: number): number[] =>
          Array.from(list.subarray(0, seen)).sort((x, y) => x - y);
        details.size = size;
        details.score = score;
        details.branches = ascending(touchedBranches, branchesSeen);
        details.branchesPossible = Math.min(size, this.branchTotal);
        details.branchBalance = this.balanceOf(size, gap, sharePresent);
        if (this.roleTotal > 0) {
          details.roles = {
            present: ascending(touchedRoles, rolesSeen),
            possible: Math.min(withRole, this.roleTotal),
          };
        }
        if (this.regionTotal > 0) {
          details.regions = {
            present: ascending(touchedRegions, regionsSeen),
            possible: Math.min(withRegion, this.regionTotal),
          };
        }
        if (this.hasThemes && wishers > 0) {
          let fans = 0;
          let firstChoice = 0;
          for (const p of members) {
            for (let k = 0; k < THEME_RANKS; k++) {
              if (packed[p * STRIDE + 4 + k] !== bestTheme) continue;
              fans++;
              if (k === 0) firstChoice++;
            }
          }
          details.themes = { theme: bestTheme, wishers, fans, firstChoice };
        }
        if (this.hasIsolation) {
          details.isolated =
            valuesSeen < 2
              ? []
              : members.filter((p) => {
                  const value = packed[p * STRIDE + 3]!;
                  return value >= 0 && isolationCount[value] === 1;
                });
        }
      }
    }

    for (let k = 0; k < branchesSeen; k++) branchCount[touchedBranches[k]!] = 0;
    for (let k = 0; k < rolesSeen; k++) roleCount[touchedRoles[k]!] = 0;
    for (let k = 0; k < regionsSeen; k++) regionCount[touchedRegions[k]!] = 0;
    for (let k = 0; k < valuesSeen; k++) isolationCount[touchedValues[k]!] = 0;
    for (let k = 0; k < themesSeen; k++) themeWeight[touchedThemes[k]!] = 0;
    return score;
  }
}
