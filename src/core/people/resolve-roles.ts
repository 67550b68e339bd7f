import type { ProgrammeStore } from '../ports/programme-store';
import type { ProgrammeTeamStore } from '../ports/programme-team-store';
import type { Role } from './role';

/** Facts that grant roles without reading any programme: the configured Lab team. */
export interface RoleFacts {
  aadId: string | undefined;
  labAdminIds: readonly string[];
}

/** Every user is staff; Lab team members are the Entra object ids named in the configuration. */
export function resolveRoles(facts: RoleFacts): Set<Role> {
  const roles = new Set<Role>(['staff']);
  if (facts.aadId !== undefined && facts.labAdminIds.some((id) => sameId(id, facts.aadId))) {
    roles.add('lab');
  }
  return roles;
}

/**
 * The roles programmes give a person: committee member (named in a programme's committee),
 * the Lab team a programme names, and their places in programme teams (lead, participant,
 * facilitator). Two reads whatever the number of programmes and teams.
 */
export async function listProgrammeRoles(
  sources: { programmes: ProgrammeStore; teams: ProgrammeTeamStore },
  aadId: string,
): Promise<Role[]> {
  const roles = new Set<Role>();
  for (const programme of await sources.programmes.list()) {
    if ((programme.committee ?? []).some((member) => sameId(member.aadId, aadId))) {
      roles.add('committee');
    }
    if ((programme.followUp?.labTeam ?? []).some((member) => sameId(member.aadId, aadId))) {
      roles.add('programmeLab');
    }
  }
  for (const team of await sources.teams.listForPerson(aadId)) {
    if (sameId(team.leadAadId, aadId)) roles.add('lead');
    if (team.members.some((member) => sameId(member.aadId, aadId))) roles.add('participant');
    if (team.facilitators.some((person) => sameId(person.aadId, aadId))) roles.add('facilitator');
  }
  return [...roles];
}

// Entra object ids are GUIDs; Teams and configuration files do not agree on their case.
function sameId(a: string, b: string | undefined): boolean {
  return b !== undefined && a.toLowerCase() === b.toLowerCase();
}
