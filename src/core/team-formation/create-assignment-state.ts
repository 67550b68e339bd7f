import { THEME_RANKS, type TeamScorer } from './create-team-scorer';
import type { IndexedInstance } from './index-instance';

/**
 * Per-team tallies (teams × categories) are kept only while they stay within this many cells per
 * person or team, so memory stays linear; beyond it each evaluation rescans the team's members.
 * 16 covers realistic inputs (6 branches, 18 regions, a few roles and themes, teams of 5 to 8).
 */
export const TALLY_CELLS_PER_ITEM = 16;

/**
 * A placement of people in teams that checks the hard rules of every change in O(team size +
 * apart partners) and keeps each team's score, the total and the worst team up to date.
 * Shared by the engine and the benchmark's other methods so they all pay the same costs.
 */
export interface AssignmentState {
  readonly instance: IndexedInstance;
  /** Team of each person, -1 while unplaced. */
  readonly teamOf: Int32Array;
  readonly members: readonly (readonly number[])[];
  /** Score of each team; valid after rescore() and kept valid by the apply* methods. */
  readonly scores: Float64Array;
  readonly sum: number;
  /** New scores of the two teams involved in the last evaluateSwap or evaluateMove. */
  readonly candidate: Float64Array;
  worst(): number;
  worstTeam(): number;
  /** Lowest score among the teams other than a and b. */
  worstExcept(a: number, b: number): number;
  /** True when p may join team t: nobody there (apart from `ignoring`) is a colleague or an "apart" partner. */
  isCompatible(p: number, t: number, ignoring: number): boolean;
  canSwap(p: number, q: number): boolean;
  canMove(p: number, t: number): boolean;
  /** Scores the teams of p and q as if they swapped, into `candidate`; changes nothing. */
  evaluateSwap(p: number, q: number): void;
  /** Scores p's team and team t as if p moved to t, into `candidate`; changes nothing. */
  evaluateMove(p: number, t: number): void;
  place(p: number, t: number): void;
  remove(p: number): void;
  rescore(): void;
  /** Swaps p and q, given the new scores of the teams p and q were in. */
  applySwap(p: number, q: number, newScoreOfTeamOfP: number, newScoreOfTeamOfQ: number): void;
  /** Moves p to team t, given the new scores of p's team and of t. */
  applyMove(p: number, t: number, newScoreOfFrom: number, newScoreOfTo: number): void;
  /** Rebuilds the placement from a saved `teamOf` and rescores every team. */
  load(saved: Int32Array): void;
}

/** Creates an empty placement (everyone unplaced) for the instance. */
export function createAssignmentState(
  instance: IndexedInstance,
  scorer: TeamScorer,
): AssignmentState {
  return new State(instance, scorer);
}

// A class rather than closures: every instance shares the same methods, so the search's call
// sites stay monomorphic when a long-running bot forms teams for many programmes.
class State implements AssignmentState {
  readonly teamOf: Int32Array;
  readonly members: number[][];
  readonly scores: Float64Array;
  readonly candidate = new Float64Array(2);
  private total = 0;
  private readonly position: Int32Array;
  // How many members of each (team, organisation) pair a team holds; a Map keeps this O(people)
  // where a matrix would be teams × organisations. A count, not a set: a chain of moves may hold
  // two colleagues in one team for a moment, and the second one leaving must not hide the first.
  private readonly present = new Map<number, number>();
  private readonly organisationCount: number;
  private readonly leaves: number;
  // Min-tree over team scores: leaf t holds scores[t], each node the minimum of its children.
  private readonly tree: Float64Array;
  private readonly tallies: Tallies | undefined;

  constructor(
    readonly instance: IndexedInstance,
    private readonly scorer: TeamScorer,
  ) {
    const { people, teamCount } = instance;
    this.teamOf = new Int32Array(people).fill(-1);
    this.position = new Int32Array(people).fill(-1);
    this.members = Array.from({ length: teamCount }, () => []);
    this.scores = new Float64Array(teamCount);
    this.organisationCount = instance.organisationIds.length;
    let leaves = 1;
    while (leaves < teamCount) leaves *= 2;
    this.leaves = leaves;
    this.tree = new Float64Array(2 * leaves).fill(Infinity);
    this.tallies = createTallies(instance, scorer);
  }

  get sum(): number {
    return this.total;
  }

  worst(): number {
    return this.tree[1]!;
  }

  worstTeam(): number {
    const { tree, leaves } = this;
    let node = 1;
    while (node < leaves) node = tree[2 * node] === tree[node] ? 2 * node : 2 * node + 1;
    return node - leaves;
  }

  // Climbs from both leaves and takes the siblings that are off both paths; together they cover
  // every other leaf. O(log teams) reads, no writes.
  worstExcept(a: number, b: number): number {
    const { tree, leaves, scores } = this;
    const global = tree[1]!;
    if (scores[a]! > global && scores[b]! > global) return global;
    let result = Infinity;
    let nodeA = leaves + a;
    let nodeB = leaves + b;
    while (nodeA !== nodeB) {
      if ((nodeA ^ 1) !== nodeB) result = Math.min(result, tree[nodeA ^ 1]!);
      if ((nodeB ^ 1) !== nodeA) result = Math.min(result, tree[nodeB ^ 1]!);
      nodeA >>= 1;
      nodeB >>= 1;
    }
    for (; nodeA > 1; nodeA >>= 1) result = Math.min(result, tree[nodeA ^ 1]!);
    return result;
  }

  isCompatible(p: number, t: number, ignoring: number): boolean {
    const { organisation, apartStart, apartList } = this.instance;
    const o = organisation[p]!;
    if ((this.present.get(t * this.organisationCount + o) ?? 0) > 0) {
      if (!(ignoring >= 0 && organisation[ignoring] === o)) return false;
    }
    for (let i = apartStart[p]!; i < apartStart[p + 1]!; i++) {
      const partner = apartList[i]!;
      if (partner !== ignoring && this.teamOf[partner] === t) return false;
    }
    return true;
  }

  canSwap(p: number, q: number): boolean {
    const { lockedTeam } = this.instance;
    const a = this.teamOf[p]!;
    const b = this.teamOf[q]!;
    if (a === b || lockedTeam[p]! >= 0 || lockedTeam[q]! >= 0) return false;
    return this.isCompatible(p, b, q) && this.isCompatible(q, a, p);
  }

  canMove(p: number, t: number): boolean {
    const from = this.teamOf[p]!;
    if (from === t || this.instance.lockedTeam[p]! >= 0) return false;
    if (this.members[t]!.length >= this.instance.maxSize) return false;
    if (from >= 0 && this.members[from]!.length <= this.instance.minSize) return false;
    return this.isCompatible(p, t, -1);
  }

  evaluateSwap(p: number, q: number): void {
    const a = this.teamOf[p]!;
    const b = this.teamOf[q]!;
    if (this.tallies) {
      this.candidate[0] = this.tallies.scoreWith(a, p, q);
      this.candidate[1] = this.tallies.scoreWith(b, q, p);
    } else {
      this.candidate[0] = this.scorer.score(this.members[a]!, p, q);
      this.candidate[1] = this.scorer.score(this.members[b]!, q, p);
    }
  }

  evaluateMove(p: number, t: number): void {
    const a = this.teamOf[p]!;
    if (this.tallies) {
      this.candidate[0] = this.tallies.scoreWith(a, p, -1);
      this.candidate[1] = this.tallies.scoreWith(t, -1, p);
    } else {
      this.candidate[0] = this.scorer.score(this.members[a]!, p, -1);
      this.candidate[1] = this.scorer.score(this.members[t]!, -1, p);
    }
  }

  place(p: number, t: number): void {
    this.teamOf[p] = t;
    this.position[p] = this.members[t]!.length;
    this.members[t]!.push(p);
    this.count(t * this.organisationCount + this.instance.organisation[p]!, 1);
    this.tallies?.add(t, p, 1);
  }

  remove(p: number): void {
    const t = this.teamOf[p]!;
    const list = this.members[t]!;
    const last = list.pop()!;
    if (last !== p) {
      list[this.position[p]!] = last;
      this.position[last] = this.position[p]!;
    }
    this.count(t * this.organisationCount + this.instance.organisation[p]!, -1);
    this.tallies?.add(t, p, -1);
    this.teamOf[p] = -1;
    this.position[p] = -1;
  }

  rescore(): void {
    for (let t = 0; t < this.instance.teamCount; t++) {
      this.setScore(t, this.scorer.score(this.members[t]!, -1, -1));
    }
    // Summed afresh so the total carries no rounding drift from earlier updates.
    this.total = 0;
    for (let t = 0; t < this.instance.teamCount; t++) this.total += this.scores[t]!;
  }

  applySwap(p: number, q: number, newScoreOfTeamOfP: number, newScoreOfTeamOfQ: number): void {
    const { teamOf, position, members, organisationCount } = this;
    const { organisation } = this.instance;
    const a = teamOf[p]!;
    const b = teamOf[q]!;
    const positionOfP = position[p]!;
    const positionOfQ = position[q]!;
    this.count(a * organisationCount + organisation[p]!, -1);
    this.count(b * organisationCount + organisation[q]!, -1);
    this.count(a * organisationCount + organisation[q]!, 1);
    this.count(b * organisationCount + organisation[p]!, 1);
    if (this.tallies) {
      this.tallies.add(a, p, -1);
      this.tallies.add(a, q, 1);
      this.tallies.add(b, q, -1);
      this.tallies.add(b, p, 1);
    }
    members[a]![positionOfP] = q;
    members[b]![positionOfQ] = p;
    teamOf[p] = b;
    teamOf[q] = a;
    position[p] = positionOfQ;
    position[q] = positionOfP;
    this.setScore(a, newScoreOfTeamOfP);
    this.setScore(b, newScoreOfTeamOfQ);
  }

  applyMove(p: number, t: number, newScoreOfFrom: number, newScoreOfTo: number): void {
    const from = this.teamOf[p]!;
    this.remove(p);
    this.place(p, t);
    this.setScore(from, newScoreOfFrom);
    this.setScore(t, newScoreOfTo);
  }

  load(saved: Int32Array): void {
    for (let p = 0; p < saved.length; p++) if (this.teamOf[p]! >= 0) this.remove(p);
    for (let p = 0; p < saved.length; p++) if (saved[p]! >= 0) this.place(p, saved[p]!);
    this.rescore();
  }

  private count(key: number, change: number): void {
    const next = (this.present.get(key) ?? 0) + change;
    if (next === 0) this.present.delete(key);
    else this.present.set(key, next);
  }

  private setScore(t: number, value: number): void {
    const { tree } = this;
    this.total += value - this.scores[t]!;
    this.scores[t] = value;
    let node = this.leaves + t;
    tree[node] = value;
    for (node >>= 1; node >= 1; node >>= 1) {
      tree[node] = Math.min(tree[2 * node]!, tree[2 * node + 1]!);
    }
  }
}

interface Tallies {
  /** Adds (sign 1) or removes (sign -1) person p's categories to or from team t's tallies. */
  add(t: number, p: number, sign: number): void;
  /** Team t's score without `leaving` and with `joining`, from its tallies: O(branches + themes). */
  scoreWith(t: number, leaving: number, joining: number): number;
}

/**
 * Per-team counts of every category, so a swap is scored by adjusting a few counts instead of
 * rescanning the team. Undefined when they would not fit in TALLY_CELLS_PER_ITEM cells per item.
 */
function createTallies(instance: IndexedInstance, scorer: TeamScorer): Tallies | undefined {
  const width =
    instance.branchIds.length +
    instance.roleIds.length +
    instance.regionIds.length +
    instance.isolationValues.length +
    instance.themeIds.length;
  if (width * instance.teamCount > TALLY_CELLS_PER_ITEM * (instance.people + instance.teamCount)) {
    return undefined;
  }
  return new TeamTallies(instance, scorer, width);
}

class TeamTallies implements Tallies {
  private readonly roleOffset: number;
  private readonly regionOffset: number;
  private readonly valueOffset: number;
  private readonly themeOffset: number;
  private readonly counts: Int32Array;
  private readonly size: Int32Array;
  private readonly branches: Int32Array;
  private readonly roles: Int32Array;
  private readonly withRole: Int32Array;
  private readonly regions: Int32Array;
  private readonly withRegion: Int32Array;
  private readonly values: Int32Array;
  private readonly withValue: Int32Array;
  private readonly singletons: Int32Array;
  private readonly wishers: Int32Array;

  constructor(
    private readonly instance: IndexedInstance,
    private readonly scorer: TeamScorer,
    private readonly width: number,
  ) {
    const teams = instance.teamCount;
    this.roleOffset = instance.branchIds.length;
    this.regionOffset = this.roleOffset + instance.roleIds.length;
    this.valueOffset = this.regionOffset + instance.regionIds.length;
    this.themeOffset = this.valueOffset + instance.isolationValues.length;
    this.counts = new Int32Array(width * teams);
    this.size = new Int32Array(teams);
    this.branches = new Int32Array(teams);
    this.roles = new Int32Array(teams);
    this.withRole = new Int32Array(teams);
    this.regions = new Int32Array(teams);
    this.withRegion = new Int32Array(teams);
    this.values = new Int32Array(teams);
    this.withValue = new Int32Array(teams);
    this.singletons = new Int32Array(teams);
    this.wishers = new Int32Array(teams);
  }

  add(t: number, p: number, sign: number): void {
    const { counts, instance } = this;
    const base = t * this.width;
    this.size[t]! += sign;
    const b = base + instance.branch[p]!;
    counts[b]! += sign;
    if (counts[b] === (sign > 0 ? 1 : 0)) this.branches[t]! += sign;
    const r = instance.role[p]!;
    if (r >= 0) {
      this.withRole[t]! += sign;
      const cell = base + this.roleOffset + r;
      counts[cell]! += sign;
      if (counts[cell] === (sign > 0 ? 1 : 0)) this.roles[t]! += sign;
    }
    const g = instance.region[p]!;
    if (g >= 0) {
      this.withRegion[t]! += sign;
      const cell = base + this.regionOffset + g;
      counts[cell]! += sign;
      if (counts[cell] === (sign > 0 ? 1 : 0)) this.regions[t]! += sign;
    }
    const v = instance.isolation[p]!;
    if (v >= 0) {
      this.withValue[t]! += sign;
      const cell = base + this.valueOffset + v;
      const before = counts[cell]!;
      const after = before + sign;
      counts[cell] = after;
      if (before === 0) this.values[t]!++;
      if (after === 0) this.values[t]!--;
      this.singletons[t]! += (after === 1 ? 1 : 0) - (before === 1 ? 1 : 0);
    }
    const start = instance.themeStart[p]!;
    const end = Math.min(instance.themeStart[p + 1]!, start + THEME_RANKS);
    if (end > start) this.wishers[t]! += sign;
    for (let k = start; k < end; k++) {
      counts[base + this.themeOffset + instance.themeList[k]!]! += sign * (THEME_RANKS - k + start);
    }
  }

  // Reads the tallies as they would be without `leaving` and with `joining`, adjusting the few
  // counts those two touch on the fly; only their theme weights are written, then restored.
  scoreWith(t: number, leaving: number, joining: number): number {
    const { counts, width, instance } = this;
    const base = t * width;
    const hasLeaving = leaving >= 0;
    const hasJoining = joining >= 0;
    const size = this.size[t]! - (hasLeaving ? 1 : 0) + (hasJoining ? 1 : 0);

    const branchOut = hasLeaving ? instance.branch[leaving]! : -1;
    const branchIn = hasJoining ? instance.branch[joining]! : -1;
    let branches = this.branches[t]!;
    if (branchOut !== branchIn) {
      if (branchOut >= 0 && counts[base + branchOut] === 1) branches--;
      if (branchIn >= 0 && counts[base + branchIn] === 0) branches++;
    }
    let gap = 0;
    let sharePresent = 0;
    for (let b = 0; b < this.roleOffset; b++) {
      let count = counts[base + b]!;
      if (b === branchOut) count--;
      if (b === branchIn) count++;
      if (count === 0) continue;
      gap += Math.abs(count - instance.branchShare[b]! * size);
      sharePresent += instance.branchShare[b]!;
    }

    const roleOut = hasLeaving ? instance.role[leaving]! : -1;
    const roleIn = hasJoining ? instance.role[joining]! : -1;
    const withRole = this.withRole[t]! - (roleOut >= 0 ? 1 : 0) + (roleIn >= 0 ? 1 : 0);
    let roles = this.roles[t]!;
    if (roleOut !== roleIn) {
      if (roleOut >= 0 && counts[base + this.roleOffset + roleOut] === 1) roles--;
      if (roleIn >= 0 && counts[base + this.roleOffset + roleIn] === 0) roles++;
    }

    const regionOut = hasLeaving ? instance.region[leaving]! : -1;
    const regionIn = hasJoining ? instance.region[joining]! : -1;
    const withRegion = this.withRegion[t]! - (regionOut >= 0 ? 1 : 0) + (regionIn >= 0 ? 1 : 0);
    let regions = this.regions[t]!;
    if (regionOut !== regionIn) {
      if (regionOut >= 0 && counts[base + this.regionOffset + regionOut] === 1) regions--;
      if (regionIn >= 0 && counts[base + this.regionOffset + regionIn] === 0) regions++;
    }

    const valueOut = hasLeaving ? instance.isolation[leaving]! : -1;
    const valueIn = hasJoining ? instance.isolation[joining]! : -1;
    const withValue = this.withValue[t]! - (valueOut >= 0 ? 1 : 0) + (valueIn >= 0 ? 1 : 0);
    let values = this.values[t]!;
    let singletons = this.singletons[t]!;
    if (valueOut !== valueIn) {
      if (valueOut >= 0) {
        const before = counts[base + this.valueOffset + valueOut]!;
        if (before === 1) {
          values--;
          singletons--;
        } else if (before === 2) singletons++;
      }
      if (valueIn >= 0) {
        const before = counts[base + this.valueOffset + valueIn]!;
        if (before === 0) {
          values++;
          singletons++;
        } else if (before === 1) singletons--;
      }
    }

    let wishers = this.wishers[t]!;
    if (hasLeaving) wishers -= this.shiftThemes(base, leaving, -1);
    if (hasJoining) wishers += this.shiftThemes(base, joining, 1);
    let bestThemeWeight = 0;
    for (let cell = base + this.themeOffset; cell < base + width; cell++) {
      if (counts[cell]! > bestThemeWeight) bestThemeWeight = counts[cell]!;
    }
    if (hasJoining) this.shiftThemes(base, joining, -1);
    if (hasLeaving) this.shiftThemes(base, leaving, 1);

    return this.scorer.fromTallies(
      size,
      branches,
      gap,
      sharePresent,
      roles,
      withRole,
      regions,
      withRegion,
      bestThemeWeight,
      wishers,
      values > 1 ? singletons : 0,
      withValue,
    );
  }

  // Adds or removes p's wish weights in the team row at base; returns 1 if p has wishes.
  private shiftThemes(base: number, p: number, sign: number): number {
    const { themeStart, themeList } = this.instance;
    const start = themeStart[p]!;
    const end = Math.min(themeStart[p + 1]!, start + THEME_RANKS);
    for (let k = start; k < end; k++) {
      this.counts[base + this.themeOffset + themeList[k]!]! += sign * (THEME_RANKS - k + start);
    }
    return end > start ? 1 : 0;
  }
}
