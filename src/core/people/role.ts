/** What a person can be in a programme; one person can hold several roles. */
export type Role = 'lab' | 'committee' | 'facilitator' | 'lead' | 'participant' | 'staff';

/** Everything the bot knows about who is speaking, resolved once per turn. */
export interface Person {
  aadId: string;
  roles: ReadonlySet<Role>;
}
