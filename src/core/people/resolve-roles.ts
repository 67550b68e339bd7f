import type { Role } from './role';

/** Facts that grant roles; later issues add committee, facilitator and participant memberships. */
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

// Entra object ids are GUIDs; Teams and configuration files do not agree on their case.
function sameId(a: string, b: string | undefined): boolean {
  return b !== undefined && a.toLowerCase() === b.toLowerCase();
}
