import { createFlowNetwork } from './create-flow-network';
import type { TeamFormationFacilitator } from './team-formation';

/** Every team is followed by two facilitators from the Lab's extended team (Défi du Lab rule). */
export const FACILITATORS_PER_TEAM = 2;

/** Facilitator indices (into the input list) per team, and those from an organisation already in the team. */
export interface FacilitatorAssignment {
  teams: number[][];
  conflicts: number[][];
  /** Teams each facilitator follows. */
  load: number[];
}

/**
 * Gives each team two distinct facilitators by an exact minimum-cost flow: nobody follows more
 * than ceil(2 × teams / facilitators) teams; within that, the fewest facilitators sit with a
 * colleague of their own organisation; within that, loads are as even as possible. Facilitators of
 * one organisation are one node of the network, so it has organisations × teams arcs, not people².
 * Needs at least two facilitators.
 */
export function assignFacilitators(
  teamOrganisations: readonly ReadonlySet<string>[],
  facilitators: readonly TeamFormationFacilitator[],
): FacilitatorAssignment {
  const teamCount = teamOrganisations.length;
  const slots = FACILITATORS_PER_TEAM * teamCount;
  const low = Math.floor(slots / facilitators.length);
  const high = Math.ceil(slots / facilitators.length);
  const groups = new Map<string, number[]>();
  facilitators.forEach((facilitator, index) => {
    const group = groups.get(facilitator.organisation) ?? [];
    group.push(index);
    groups.set(facilitator.organisation, group);
  });
  const groupList = [...groups];

  // One conflict must cost more than any amount of load imbalance (at most one unit per slot).
  const conflictCost = slots + 1;
  const source = 0;
  const sink = 1;
  const groupNode = (g: number): number => 2 + g;
  const teamNode = (t: number): number => 2 + groupList.length + t;
  const network = createFlowNetwork(2 + groupList.length + teamCount);
  const arcs: number[][] = [];
  groupList.forEach(([organisation, members], g) => {
    network.addEdge(source, groupNode(g), members.length * low, 0);
    if (high > low) network.addEdge(source, groupNode(g), members.length * (high - low), 1);
    arcs.push(
      teamOrganisations.map((present, t) =>
        network.addEdge(
          groupNode(g),
          teamNode(t),
          Math.min(FACILITATORS_PER_TEAM, members.length),
          present.has(organisation) ? conflictCost : 0,
        ),
      ),
    );
  });
  for (let t = 0; t < teamCount; t++) network.addEdge(teamNode(t), sink, FACILITATORS_PER_TEAM, 0);
  network.run(source, sink);

  const teams: number[][] = Array.from({ length: teamCount }, () => []);
  const conflicts: number[][] = Array.from({ length: teamCount }, () => []);
  const load = new Array<number>(facilitators.length).fill(0);
  groupList.forEach(([organisation, members], g) => {
    const seats: number[] = [];
    for (let t = 0; t < teamCount; t++) {
      for (let k = network.flowOn(arcs[g]![t]!); k > 0; k--) seats.push(t);
    }
    // Seats are sorted by team, so dealing them in turn never gives one person both seats of a team.
    seats.forEach((t, k) => {
      const facilitator = members[k % members.length]!;
      teams[t]!.push(facilitator);
      load[facilitator]!++;
      if (teamOrganisations[t]!.has(organisation)) conflicts[t]!.push(facilitator);
    });
  });
  for (const list of [...teams, ...conflicts]) list.sort((a, b) => a - b);
  return { teams, conflicts, load };
}
