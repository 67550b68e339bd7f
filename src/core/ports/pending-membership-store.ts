import type { TeamPerson } from '../programmes/programme-team';

/** The people waiting to be added to one programme's Teams team. */
export interface PendingMembers {
  programmeId: string;
  teamGroupId: string;
  people: TeamPerson[];
}

/**
 * Who Graph could not add to their programme's Teams team yet, for a passing reason: kept until
 * they are added or refused for good, across restarts and instances.
 */
export interface PendingMembershipStore {
  /**
   * After a try for some people of a team: `waiting` are to be tried again, every other person
   * named in `tried` is settled (added, already in, or refused for good) and leaves the list.
   */
  record(
    pending: { programmeId: string; teamGroupId: string },
    tried: readonly string[],
    waiting: readonly TeamPerson[],
    now: Date,
  ): Promise<void>;
  /** Everyone waiting, team by team, the longest waiting first. */
  list(): Promise<PendingMembers[]>;
  count(): Promise<number>;
}
