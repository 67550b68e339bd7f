/** A member of a private or shared channel: the membership id Graph removes them by, and who. */
export interface ChannelMember {
  membershipId: string;
  /** Entra object id. */
  userId: string;
  /** `owner`, `guest`, or none for a plain member. */
  roles: string[];
}

/**
 * The members of a private or shared channel of the programme's Teams team (Microsoft Graph in
 * production). Standard channels have no members of their own: every member of the team sees
 * them. Adding someone already a member is not an error. Failures are TeamMembershipErrors.
 */
export interface ChannelMembership {
  listMembers(teamGroupId: string, channelId: string): Promise<ChannelMember[]>;
  addMember(teamGroupId: string, channelId: string, userAadId: string): Promise<void>;
  /** Removing someone no longer a member is not an error. */
  removeMember(teamGroupId: string, channelId: string, membershipId: string): Promise<void>;
}
