import type { TeamFormationInput } from './team-formation';

/**
 * Counts broken hard rules in a formation given as lists of person ids: a wrong number of teams,
 * a person missing, unknown or placed twice, a size out of bounds, a second member of an
 * organisation, a lock not kept, an "apart" pair together. Independent of the engine on purpose.
 */
export function countHardViolations(
  input: TeamFormationInput,
  teams: readonly (readonly string[])[],
): number {
  let violations = teams.length === input.teamCount ? 0 : 1;
  const organisationOf = new Map(input.people.map((person) => [person.id, person.organisation]));
  const teamOf = new Map<string, number>();
  teams.forEach((members, t) => {
    if (members.length < input.minSize || members.length > input.maxSize) violations++;
    const organisations = new Set<string>();
    for (const id of members) {
      const organisation = organisationOf.get(id);
      if (organisation === undefined || teamOf.has(id)) violations++;
      teamOf.set(id, t);
      if (organisation === undefined) continue;
      if (organisations.has(organisation)) violations++;
      organisations.add(organisation);
    }
  });
  for (const person of input.people) if (!teamOf.has(person.id)) violations++;
  for (const { person, team } of input.locked ?? []) if (teamOf.get(person) !== team) violations++;
  for (const [a, b] of input.apart ?? []) {
    if (teamOf.has(a) && teamOf.get(a) === teamOf.get(b)) violations++;
  }
  return violations;
}
