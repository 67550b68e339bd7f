import type { Role } from '../people/role';

/** A thing the bot can do, named by a catalogue key; the adapter turns it into words and a command. */
export interface HelpTopic {
  id: HelpTopicId;
  /** The roles that see this topic; empty means everybody. */
  roles: readonly Role[];
}

export type HelpTopicId =
  | 'help'
  | 'profile'
  | 'programmes'
  | 'apply'
  | 'endorse'
  | 'history'
  | 'absence'
  | 'myData'
  | 'sessions'
  | 'sessionRequests'
  | 'selection'
  | 'formation'
  | 'newProgramme'
  | 'calendar'
  | 'digest'
  | 'status';

// Only what works today is listed: a help card that promises missing features misleads busy people.
const TOPICS: readonly HelpTopic[] = [
  { id: 'help', roles: [] },
  { id: 'profile', roles: [] },
  { id: 'programmes', roles: [] },
  { id: 'apply', roles: [] },
  { id: 'endorse', roles: [] },
  { id: 'history', roles: [] },
  { id: 'absence', roles: [] },
  { id: 'myData', roles: [] },
  { id: 'sessions', roles: [] },
  { id: 'selection', roles: ['lab', 'committee'] },
  { id: 'newProgramme', roles: ['lab'] },
  { id: 'formation', roles: ['lab'] },
  { id: 'calendar', roles: ['lab'] },
  { id: 'digest', roles: ['lab', 'facilitator'] },
  { id: 'sessionRequests', roles: ['lab'] },
  { id: 'status', roles: ['lab'] },
];

/** The topics a person with these roles can use, in display order. */
export function listHelpTopics(roles: ReadonlySet<Role>): HelpTopic[] {
  return TOPICS.filter(
    (topic) => topic.roles.length === 0 || topic.roles.some((r) => roles.has(r)),
  );
}
