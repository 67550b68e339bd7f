import type {
  CallFigures,
  FollowUpFigures,
  FollowUpQuery,
  SelectionFigures,
} from '../digests/digest-figures';

/**
 * The aggregate figures a digest is built from. Implementations count in the database (GROUP BY,
 * COUNT, CASE), so a digest costs the same few queries whatever the size of the programme.
 */
export interface DigestSource {
  /** The call's candidacies and drafts; `since` starts "this week". */
  countCall(programmeId: string, since: Date): Promise<CallFigures>;
  /** Scores, decisions, seats and confirmations; `today` (YYYY-MM-DD, Paris) dates overdue confirmations. */
  countSelection(programmeId: string, today: string): Promise<SelectionFigures>;
  /** One check-in month of the follow-up, for every team of the programme or a facilitator's. */
  countFollowUp(query: FollowUpQuery): Promise<FollowUpFigures>;
}
