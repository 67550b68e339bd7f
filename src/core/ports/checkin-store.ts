import type { CheckinAnswer } from '../follow-up/checkin-answer';

/** Persistence of the monthly check-in answers: one per programme, team and month. */
export interface CheckinStore {
  /**
   * Inserts the answer (revision 1), or replaces the one of the same programme, team and month
   * whose revision is the one before. False, and nothing written, when another answer got there
   * first: two people answering at once never overwrite each other silently.
   */
  save(answer: CheckinAnswer): Promise<boolean>;
  get(programmeId: string, teamId: string, month: string): Promise<CheckinAnswer | undefined>;
  /** A team's answers, oldest month first. */
  listByTeam(programmeId: string, teamId: string): Promise<CheckinAnswer[]>;
}
