/**
 * What a person can be; one person can hold several roles. `lab` is the Lab team of the bot's
 * configuration (and of the Lab channel's team); `programmeLab` is the Lab team a programme file
 * names for its own follow-up.
 */
export type Role =
  'lab' | 'programmeLab' | 'committee' | 'facilitator' | 'lead' | 'participant' | 'staff';

/** Everything the bot knows about who is speaking, resolved once per turn. */
export interface Person {
  aadId: string;
  roles: ReadonlySet<Role>;
}
