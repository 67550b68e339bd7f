/** A person in a programme team (participant or facilitator). */
export interface TeamPerson {
  /** Entra object id; the key to reach them in Teams. */
  aadId: string;
  name: string;
  organisationId: string;
}

/** Where a team works in Teams: its own channel, or a thread in General when channels cannot be created. */
export interface TeamWorkspace {
  kind: 'channel' | 'thread';
  /** Conversation id to post in (the channel, or the thread's root message conversation). */
  conversationId: string;
  webUrl?: string;
  /**
   * A private or shared channel, open to the people the bot adds to it only (Graph's
   * membershipType); absent for a standard channel, open to every member of the Teams team.
   */
  membershipType?: 'private' | 'shared';
}

/** A formed team of a programme, with its lead (référent), members and two facilitators. */
export interface ProgrammeTeam {
  /** Stable within the programme, e.g. `team-3`. */
  id: string;
  programmeId: string;
  number: number;
  name: string;
  /** Theme id the team works on, when the programme has themes. */
  themeId?: string;
  /** Answers the monthly check-in; one of the members. */
  leadAadId: string;
  members: TeamPerson[];
  facilitators: TeamPerson[];
  workspace?: TeamWorkspace;
}
