import type { TeamRoles } from './resolve-team-roles';
import type { ReviewAnswer } from './review-answer';

/**
 * Who may fill in a review card: the preparation as for a check-in (lead, members when allowed,
 * Lab team); the outcome also by the facilitators, who ran the review with the team.
 */
export function mayAnswerReview(
  kind: ReviewAnswer['kind'],
  roles: TeamRoles,
  membersMayAnswer: boolean,
): boolean {
  if (roles.lead || roles.lab || (membersMayAnswer && roles.member)) return true;
  return kind === 'outcome' && roles.facilitator;
}
