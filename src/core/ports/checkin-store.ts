import type { CheckinAnswer } from '../follow-up/checkin-answer';

/** Persistence of the monthly check-in answers: one per programme, team and month. */
export interface CheckinStore {
  /** Inserts the answer, or replaces the one of the same programme, team and month. */
  save(answer: CheckinAnswer): Promise<void>;
  get(programmeId: string, teamId: string, month: string): Promise<CheckinAnswer | undefined>;
  /** A team's answers, oldest month first. */
  listByTeam(programmeId: string, teamId: string): Promise<CheckinAnswer[]>;
}
