import type { ReviewId } from '../follow-up/planned-send';
import type { ReviewAnswer } from '../follow-up/review-answer';

/** Persistence of review preparations and outcomes: one of each per programme, team and review. */
export interface ReviewStore {
  /**
   * Inserts the answer (revision 1), or replaces the one of the same programme, team, review and
   * kind whose revision is the one before. False, and nothing written, when another answer got
   * there first.
   */
  save(answer: ReviewAnswer): Promise<boolean>;
  get(
    programmeId: string,
    teamId: string,
    review: ReviewId,
    kind: ReviewAnswer['kind'],
  ): Promise<ReviewAnswer | undefined>;
  /** A team's review answers, December before March, preparation before outcome. */
  listByTeam(programmeId: string, teamId: string): Promise<ReviewAnswer[]>;
}
