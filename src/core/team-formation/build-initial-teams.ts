import type { AssignmentState } from './create-assignment-state';
import type { Random } from './create-random';
import type { InfeasibilityReason } from './team-formation';

/**
 * Places everyone without breaking a hard rule: locked people first, then organisation by
 * organisation (largest first) round the teams, each person into the smallest team that has
 * neither a colleague nor an "apart" partner. Without locks and pairs this is the exact
 * round-robin deal, so it never fails when checkFeasibility passed. Otherwise a person who fits
 * nowhere triggers an ejection chain, and a team left under the minimum pulls people through a
 * chain of moves; when those searches fail, the reasons name who or which team is stuck.
 */
export function buildInitialTeams(state: AssignmentState, random: Random): InfeasibilityReason[] {
  const { instance } = state;
  const { teamCount, lockedTeam, organisation, apartStart } = instance;
  for (let p = 0; p < instance.people; p++) {
    if (lockedTeam[p]! >= 0) state.place(p, lockedTeam[p]!);
  }

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
  person: number;
  team: number;
  parent: number;
}

/**
 * Breadth-first ejection chain: p enters a team by pushing out the one person in its way (a
 * colleague, an "apart" partner, or anyone when the team is full), who then looks for a team the
 * same way. Each team is used once per search, so the applied chain is consistent.
 */
function placeByEjection(state: AssignmentState, p: number, teamOrder: number[]): boolean {
  const { instance, members, teamOf } = state;
  const { lockedTeam, organisation, apartStart, apartList } = instance;
  const usedTeam = new Uint8Array(instance.teamCount);
  const seen = new Set<number>([p]);
  const steps: ChainStep[] = [{ person: p, team: -1, parent: -1 }];
  for (let head = 0; head < steps.length; head++) {
    const x = steps[head]!.person;
    for (const t of teamOrder) {
      if (usedTeam[t]) continue;
      const blockers: number[] = [];
      for (const member of members[t]!) {
        if (organisation[member] === organisation[x]) blockers.push(member);
      }
      for (let i = apartStart[x]!; i < apartStart[x + 1]!; i++) {
        const partner = apartList[i]!;
        if (teamOf[partner] === t && !blockers.includes(partner)) blockers.push(partner);
      }
      if (blockers.length > 1) continue;
      const full = members[t]!.length >= instance.maxSize;
      if (blockers.length === 0 && !full) {
        applyChain(state, steps, { person: x, team: t, parent: head });
        return true;
      }
      const candidates = blockers.length === 1 ? blockers : members[t]!;
      let used = false;
      for (const y of candidates) {
        if (lockedTeam[y]! >= 0 || seen.has(y)) continue;
        seen.add(y);
        used = true;
        steps.push({ person: y, team: t, parent: head });
      }
      if (used) usedTeam[t] = 1;
    }
  }
  return false;
}

// steps[i].team is where steps[i].person must go, pushing out the person of the step after it.
function applyChain(state: AssignmentState, steps: ChainStep[], last: ChainStep): void {
  const chain: ChainStep[] = [];
  let target = last.team;
  for (let index = last.parent; index >= 0; index = steps[index]!.parent) {
    const step = steps[index]!;
    chain.push({ person: step.person, team: target, parent: -1 });
    target = step.team;
  }
  // chain[0] is the last person pushed out (goes to a free seat), so apply it first.
  for (const { person, team } of chain) {
    if (state.teamOf[person]! >= 0) state.remove(person);
    state.place(person, team);
  }
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
