/** Why adding someone to a Teams team failed: a refusal for want of a permission, an unknown person, or another error. */
export class TeamMembershipError extends Error {
  override name = 'TeamMembershipError';
  constructor(
    message: string,
    readonly reason: 'permission' | 'not-found' | 'error',
    /** For a refusal (403): the least-privileged permission the call needs. */
    readonly permission?: string,
    /** Graph throttled or was unavailable (429, 5xx, no answer): another try later may succeed. */
    readonly transient = false,
  ) {
    super(message);
  }
}

/**
 * The members of the programme's Teams team (Microsoft Graph in production), named by the team's
 * group id. Adding someone already a member is not an error.
 */
export interface TeamMembership {
  /** Entra object ids of the team's members (owners, members and guests). */
  listMemberIds(teamGroupId: string): Promise<string[]>;
  addMember(teamGroupId: string, userAadId: string): Promise<void>;
}
