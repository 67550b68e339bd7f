import type { TeamRoles } from './resolve-team-roles';

/**
 * Who may answer a team's check-in: its lead, its members when the programme allows it, and the
 * Lab team (to record an answer given by phone, say). Facilitators follow, they do not answer.
 */
export function mayAnswerCheckin(roles: TeamRoles, membersMayAnswer: boolean): boolean {
  return roles.lead || roles.lab || (membersMayAnswer && roles.member);
}
