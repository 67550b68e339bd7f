import type { InfeasibilityReason, TeamFormationInput } from './team-formation';

/**
 * The hard-rule conflicts that can be found by counting, in O(people + pairs + locks).
 * Without locks and "apart" pairs these checks are exact: when they pass, dealing the people
 * organisation by organisation round the teams always gives a valid formation. With locks and
 * pairs they are necessary only; the construction reports what it could not place.
 */
export function checkFeasibility(input: TeamFormationInput): InfeasibilityReason[] {
  const reasons: InfeasibilityReason[] = [];
  const people = input.people.length;
  const { teamCount, minSize, maxSize } = input;
  if (people < teamCount * minSize) {
    reasons.push({ code: 'too-few-people', people, teamCount, minSize });
  }
  if (people > teamCount * maxSize) {
    reasons.push({ code: 'too-many-people', people, teamCount, maxSize });
  }

  const byOrganisation = new Map<string, number>();
  for (const person of input.people) {
    byOrganisation.set(person.organisation, (byOrganisation.get(person.organisation) ?? 0) + 1);
  }
  const tooLarge = [...byOrganisation]
    .filter(([, count]) => count > teamCount)
    .sort(([a, countA], [b, countB]) => countB - countA || a.localeCompare(b));
  for (const [organisation, count] of tooLarge) {
    reasons.push({ code: 'organisation-too-large', organisation, people: count, teamCount });
  }

  const organisationOf = new Map(input.people.map((person) => [person.id, person.organisation]));
  const lockedTeam = new Map<string, number>();
  for (const { person, team } of input.locked ?? []) {
    const earlier = lockedTeam.get(person);
    if (earlier === undefined) lockedTeam.set(person, team);
    else if (earlier !== team) {
      reasons.push({ code: 'locked-twice', person, teams: [earlier, team] });
    }
  }
  const lockedByTeam = new Map<number, string[]>();
  for (const [person, team] of lockedTeam) {
    const list = lockedByTeam.get(team) ?? [];
    list.push(person);
    lockedByTeam.set(team, list);
  }
  for (const [team, list] of [...lockedByTeam].sort(([a], [b]) => a - b)) {
    if (list.length > maxSize) {
      reasons.push({ code: 'team-over-locked', team, locked: list.length, maxSize });
    }
    const firstOf = new Map<string, string>();
    for (const person of list) {
      const organisation = organisationOf.get(person) ?? '';
      const first = firstOf.get(organisation);
      if (first === undefined) firstOf.set(organisation, person);
      else {
        reasons.push({
          code: 'colleagues-locked-together',
          team,
          organisation,
          people: [first, person],
        });
      }
    }
  }
  for (const [a, b] of input.apart ?? []) {
    const team = lockedTeam.get(a);
    if (team !== undefined && team === lockedTeam.get(b)) {
      reasons.push({ code: 'apart-locked-together', team, people: [a, b] });
    }
  }

  const facilitators = input.facilitators?.length ?? 0;
  // Two distinct facilitators per team is a rule of the programme; an empty list means "not yet chosen".
  if (facilitators === 1) reasons.push({ code: 'too-few-facilitators', facilitators });
  return reasons;
}
