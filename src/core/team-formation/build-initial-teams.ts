import type { AssignmentState } from './create-assignment-state';
import type { Random } from './create-random';
import type { InfeasibilityReason } from './team-formation';

/**
 * Deals are retried this many times (with other seeded tie-breaks) before giving up on an input
 * whose locks and "apart" pairs defeat the ejection chains; each deal is O(people × teams) at worst.
 */
export const CONSTRUCTION_ATTEMPTS = 8;

/**
 * Partial chains an ejection search may open before giving up: breadth-first, that covers every
 * chain of three or four moves among teams of up to 8 around the stuck person, in a few ms.
 */
export const EJECTION_SEARCH_STEPS = 20_000;

/**
 * Placements the exact search may try once the deals have failed. Tight instances of up to a few
 * dozen people (where locks, pairs and sizes leave little room, and the deals can paint themselves
 * into a corner) are settled in far fewer, in milliseconds; a national-scale instance that defeats
 * the deals stops here and reports why instead of searching for ever.
 */
export const EXACT_SEARCH_NODES = 200_000;

/**
 * Places everyone without breaking a hard rule: locked people first; then the people with the
 * fewest teams left open to them by the locks; then organisation by organisation (largest first)
 * round the teams, each person into the smallest team with neither a colleague nor an "apart"
 * partner. Without locks and pairs this is the exact round-robin deal, so it never fails when
 * checkFeasibility passed. Otherwise a person who fits nowhere triggers an ejection chain, a team
 * left under the minimum pulls people through a chain of moves, and a failed deal is retried;
 * when all that fails, the reasons name who or which team is stuck.
 */
export function buildInitialTeams(state: AssignmentState, random: Random): InfeasibilityReason[] {
  const { instance } = state;
  const { lockedTeam } = instance;
  for (let p = 0; p < instance.people; p++) {
    if (lockedTeam[p]! >= 0) state.place(p, lockedTeam[p]!);
  }
  const closed = countClosedTeams(state);
  let reasons: InfeasibilityReason[] = [];
  for (let attempt = 0; attempt < CONSTRUCTION_ATTEMPTS; attempt++) {
    if (attempt > 0) {
      for (let p = 0; p < instance.people; p++) {
        if (lockedTeam[p]! < 0 && state.teamOf[p]! >= 0) state.remove(p);
      }
    }
    reasons = dealFreePeople(state, random, closed);
    if (reasons.length === 0) return reasons;
  }
  for (let p = 0; p < instance.people; p++) {
    if (lockedTeam[p]! < 0 && state.teamOf[p]! >= 0) state.remove(p);
  }
  if (placeExactly(state)) return [];
  // Leave the last deal's placement for the explanation of who or which team is stuck.
  dealFreePeople(state, random, closed);
  return reasons;
}

/**
 * Depth-first search over the free people, the one with the fewest teams open to them first,
 * each into the teams open to them (smallest first; of several empty teams only the first, since
 * empty teams are interchangeable), pruned when the people left cannot bring every team up to the
 * minimum. Complete within EXACT_SEARCH_NODES placements: it finds a formation whenever one exists
 * and the budget suffices. Leaves everyone placed on success, only the locked people otherwise.
 */
function placeExactly(state: AssignmentState): boolean {
  const { instance, members, teamOf } = state;
  const free = Array.from({ length: instance.people }, (_, p) => p).filter((p) => teamOf[p]! < 0);
  let budget = EXACT_SEARCH_NODES;
  const openTeams = (p: number): number[] => {
    const teams: number[] = [];
    let emptyTried = false;
    for (let t = 0; t < instance.teamCount; t++) {
      const size = members[t]!.length;
      if (size >= instance.maxSize || !state.isCompatible(p, t, -1)) continue;
      if (size === 0) {
        if (emptyTried) continue;
        emptyTried = true;
      }
      teams.push(t);
    }
    return teams.sort((a, b) => members[a]!.length - members[b]!.length || a - b);
  };
  const missing = (): number =>
    members.reduce((sum, list) => sum + Math.max(0, instance.minSize - list.length), 0);
  const search = (left: number): boolean => {
    if (left === 0) return missing() === 0;
    if (missing() > left || budget <= 0) return false;
    let chosen = -1;
    let options: number[] = [];
    for (const p of free) {
      if (teamOf[p]! >= 0) continue;
      const open = openTeams(p);
      if (chosen < 0 || open.length < options.length) {
        chosen = p;
        options = open;
        if (open.length <= 1) break;
      }
    }
    for (const t of options) {
      budget -= 1;
      state.place(chosen, t);
      if (search(left - 1)) return true;
      state.remove(chosen);
      if (budget <= 0) return false;
    }
    return false;
  };
  return search(free.length);
}

// For each free person, how many teams the locked people close to them: a locked colleague, a
// locked "apart" partner, or a team already full of locked people.
function countClosedTeams(state: AssignmentState): Int32Array {
  const { instance } = state;
  const { lockedTeam, organisation, apartStart, apartList } = instance;
  const lockedOrganisationTeams = new Map<number, Set<number>>();
  for (let p = 0; p < instance.people; p++) {
    if (lockedTeam[p]! < 0) continue;
    const teams = lockedOrganisationTeams.get(organisation[p]!) ?? new Set<number>();
    teams.add(lockedTeam[p]!);
    lockedOrganisationTeams.set(organisation[p]!, teams);
  }
  const full = new Set<number>();
  state.members.forEach((list, t) => {
    if (list.length >= instance.maxSize) full.add(t);
  });
  const closed = new Int32Array(instance.people);
  for (let p = 0; p < instance.people; p++) {
    if (lockedTeam[p]! >= 0) continue;
    const teams = new Set(full);
    for (const t of lockedOrganisationTeams.get(organisation[p]!) ?? []) teams.add(t);
    for (let i = apartStart[p]!; i < apartStart[p + 1]!; i++) {
      const partnerTeam = lockedTeam[apartList[i]!]!;
      if (partnerTeam >= 0) teams.add(partnerTeam);
    }
    closed[p] = teams.size;
  }
  return closed;
}

function dealFreePeople(
  state: AssignmentState,
  random: Random,
  closed: Int32Array,
): InfeasibilityReason[] {
  const { instance } = state;
  const { teamCount, lockedTeam, organisation, apartStart } = instance;
  // Ties are broken by the seed, so another seed deals another (equally valid) start.
  const tieBreak = Array.from({ length: instance.people }, () => random.next());
  const freeCount = new Map<number, number>();
  const organisationKey = new Map<number, number>();
  for (let p = 0; p < instance.people; p++) {
    if (lockedTeam[p]! >= 0) continue;
    const o = organisation[p]!;
    freeCount.set(o, (freeCount.get(o) ?? 0) + 1);
    if (!organisationKey.has(o)) organisationKey.set(o, random.next());
  }
  const order = Array.from({ length: instance.people }, (_, p) => p)
    .filter((p) => lockedTeam[p]! < 0)
    .sort((p, q) => {
      if (closed[p] !== closed[q]) return closed[q]! - closed[p]!;
      const o = organisation[p]!;
      const r = organisation[q]!;
      if (o !== r) {
        return (
          freeCount.get(r)! - freeCount.get(o)! ||
          organisationKey.get(o)! - organisationKey.get(r)! ||
          o - r
        );
      }
      const partners = apartStart[q + 1]! - apartStart[q]! - (apartStart[p + 1]! - apartStart[p]!);
      return partners || tieBreak[p]! - tieBreak[q]! || p - q;
    });
  const teamOrder = shuffle(
    Array.from({ length: teamCount }, (_, t) => t),
    random,
  );

  const reasons: InfeasibilityReason[] = [];
  let cursor = 0;
  for (const p of order) {
    const smallestOpen = smallestOpenSize(state);
    let best = -1;
    let bestPosition = -1;
    for (let k = 0; k < teamCount; k++) {
      const position = (cursor + k) % teamCount;
      const t = teamOrder[position]!;
      const size = state.members[t]!.length;
      if (size >= instance.maxSize || !state.isCompatible(p, t, -1)) continue;
      if (best < 0 || size < state.members[best]!.length) {
        best = t;
        bestPosition = position;
        if (size === smallestOpen) break;
      }
    }
    if (best >= 0) {
      state.place(p, best);
      cursor = (bestPosition + 1) % teamCount;
    } else if (!placeByEjection(state, p, teamOrder)) {
      reasons.push({
        code: 'no-team-for-person',
        person: instance.personIds[p]!,
        organisation: instance.organisationIds[organisation[p]!]!,
      });
    }
  }
  if (reasons.length > 0) return reasons;

  for (const t of teamOrder) {
    while (state.members[t]!.length < instance.minSize) {
      if (!fillByMoves(state, t)) {
        reasons.push({
          code: 'team-too-small',
          team: t,
          size: state.members[t]!.length,
          minSize: instance.minSize,
        });
        break;
      }
    }
  }
  return reasons;
}

function smallestOpenSize(state: AssignmentState): number {
  let smallest = Infinity;
  for (const list of state.members) {
    if (list.length < state.instance.maxSize && list.length < smallest) smallest = list.length;
  }
  return smallest;
}

function shuffle<T>(items: T[], random: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.below(i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

interface ChainStep {
  /** The person without a team at this step. */
  person: number;
  /** The team this person was pushed out of (by the previous step's person), -1 for the first. */
  from: number;
  parent: number;
}

/**
 * Breadth-first ejection chain: p enters a team by pushing out the one person in its way (a
 * colleague, an "apart" partner, or anyone when the team is full), who then looks for a team the
 * same way, until someone lands in a team with room and nobody in the way. Teams are judged as
 * the chain so far has changed them, so a chain may come back to a team (a swap is a chain of two).
 * A person appears at most once per chain; the search stops after EJECTION_SEARCH_STEPS chains.
 */
function placeByEjection(state: AssignmentState, p: number, teamOrder: number[]): boolean {
  const { instance, members } = state;
  const { lockedTeam, organisation, apartStart, apartList } = instance;
  const steps: ChainStep[] = [{ person: p, from: -1, parent: -1 }];
  for (let head = 0; head < steps.length && steps.length < EJECTION_SEARCH_STEPS; head++) {
    const x = steps[head]!.person;
    const partners = new Set(apartList.subarray(apartStart[x], apartStart[x + 1]));
    // The chain up to here: who left which team, and who entered it in their place.
    const path: ChainStep[] = [];
    for (let i = head; i >= 0; i = steps[i]!.parent) path.push(steps[i]!);
    const pushedBy = (i: number): number => steps[path[i]!.parent]!.person;
    for (const t of teamOrder) {
      const blockers: number[] = [];
      const blocks = (member: number): void => {
        if (member === x) return;
        if (organisation[member] === organisation[x] || partners.has(member)) blockers.push(member);
      };
      for (const member of members[t]!) {
        if (!path.some((step) => step.from === t && step.person === member)) blocks(member);
      }
      path.forEach((step, i) => {
        if (step.from === t) blocks(pushedBy(i));
      });
      if (blockers.length > 1) continue;
      if (blockers.length === 0 && members[t]!.length < instance.maxSize) {
        applyChain(state, steps, head, t);
        return true;
      }
      const candidates =
        blockers.length === 1
          ? blockers
          : members[t]!.filter((member) => !path.some((step) => step.person === member));
      for (const y of candidates) {
        if (lockedTeam[y]! >= 0 || path.some((step) => step.person === y)) continue;
        steps.push({ person: y, from: t, parent: head });
      }
    }
  }
  return false;
}

// Every person on the chain moves once: the last one to `target`, each earlier one to the team
// its successor was pushed out of. Removing them all before placing them keeps this order-free.
function applyChain(
  state: AssignmentState,
  steps: ChainStep[],
  last: number,
  target: number,
): void {
  const moves: { person: number; team: number }[] = [];
  let team = target;
  for (let index = last; index >= 0; index = steps[index]!.parent) {
    const step = steps[index]!;
    moves.push({ person: step.person, team });
    team = step.from;
  }
  for (const { person } of moves) if (state.teamOf[person]! >= 0) state.remove(person);
  for (const { person, team: to } of moves) state.place(person, to);
}

/**
 * Brings team t one person closer to the minimum: some team above the minimum gives a person,
 * directly or through a chain of teams at the minimum that each give one and receive one.
 */
function fillByMoves(state: AssignmentState, t: number): boolean {
  const { instance, members } = state;
  const parentTeam = new Int32Array(instance.teamCount).fill(-2);
  const mover = new Int32Array(instance.teamCount).fill(-1);
  parentTeam[t] = -1;
  const queue = [t];
  for (let head = 0; head < queue.length; head++) {
    const x = queue[head]!;
    // x is losing mover[x] (unless x is the team being filled), which may be the one in the way.
    const leaving = x === t ? -1 : mover[x]!;
    for (let y = 0; y < instance.teamCount; y++) {
      if (parentTeam[y] !== -2) continue;
      for (const person of members[y]!) {
        if (instance.lockedTeam[person]! >= 0 || !state.isCompatible(person, x, leaving)) continue;
        parentTeam[y] = x;
        mover[y] = person;
        if (members[y]!.length > instance.minSize) {
          for (let giver = y; giver !== t; giver = parentTeam[giver]!) {
            const moving = mover[giver]!;
            state.remove(moving);
            state.place(moving, parentTeam[giver]!);
          }
          return true;
        }
        queue.push(y);
        break;
      }
    }
  }
  return false;
}
