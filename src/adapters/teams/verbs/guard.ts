import type { Role } from '../../../core/people/role';

/**
 * Who may use a verb or command, as roles of the authenticated sender (never card data). Any one
 * of the roles lets the sender in; the use case then checks what is theirs (their team, their
 * candidacy). `staff` is every authenticated member of an allowed tenant.
 */
export interface Guard {
  id: string;
  roles: readonly Role[];
}

/** The guards verbs and commands choose from; docs/security.md lists them. */
export const Guards = {
  /** Every member of the organisation who talks to the bot. */
  staff: { id: 'staff', roles: ['staff'] },
  /** The Lab team (LAB_ADMIN_IDS and the Lab channel's team). */
  lab: { id: 'lab', roles: ['lab'] },
  /** The Lab team and the members of a selection committee. */
  labOrCommittee: { id: 'labOrCommittee', roles: ['lab', 'committee'] },
  /** The Lab team and the facilitators of a team. */
  labOrFacilitator: { id: 'labOrFacilitator', roles: ['lab', 'facilitator'] },
  /** The Lab team, including a programme's own, and everyone placed in a programme team. */
  programmePeople: {
    id: 'programmePeople',
    roles: ['lab', 'programmeLab', 'facilitator', 'lead', 'participant'],
  },
  /** The Lab team, including the Lab team a programme names. */
  anyLab: { id: 'anyLab', roles: ['lab', 'programmeLab'] },
} as const satisfies Record<string, Guard>;

/** True when the sender holds one of the guard's roles. */
export function isAllowed(guard: Guard, roles: ReadonlySet<Role>): boolean {
  return guard.roles.some((role) => roles.has(role));
}

/** True when the guard can be decided from the roles every turn knows (no programme lookup). */
export function needsProgrammeRoles(guard: Guard): boolean {
  return guard.roles.some((role) => role !== 'staff' && role !== 'lab');
}
