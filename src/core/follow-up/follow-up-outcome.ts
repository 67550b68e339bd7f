import { refuse, type Outcome, type Refusal } from '../validation/outcome';
import type { ValidationIssue } from '../validation/validation-issue';

/** Why a follow-up action was refused; each code has a sentence in every catalogue (`followUp.refusal.<code>`). */
export type FollowUpRefusalCode =
  | 'notFound'
  | 'notReader'
  | 'forbidden'
  | 'stale'
  | 'notOpen'
  | 'closed'
  | 'invalid'
  | 'tooFar'
  | 'noTeam';

/** A refusal of a follow-up use case: nothing was written. For `invalid`, the issue of every field. */
export type FollowUpRefusal = Refusal<FollowUpRefusalCode>;

/** What a follow-up use case returns: its result, or why it refused. */
export type FollowUpOutcome<T> = Outcome<T, FollowUpRefusalCode>;

/** Builds a refusal outcome of a follow-up use case. */
export const refuseFollowUp: <T>(
  code: FollowUpRefusalCode,
  params?: Record<string, string | number>,
  issues?: ValidationIssue[],
) => FollowUpOutcome<T> = refuse;

/**
 * What an answer use case returns: like FollowUpOutcome, and for an invalid form the card as it
 * stands, so the adapter shows it again with the errors without reading it a second time.
 */
export type AnswerOutcome<View> =
  { ok: true; value: View } | { ok: false; refusal: FollowUpRefusal; current?: View };

/** True when the card was made from an older answer than the stored one. */
export function isStale(
  storedRevision: number | undefined,
  shownRevision: number | undefined,
): boolean {
  return shownRevision !== undefined && (storedRevision ?? 0) !== shownRevision;
}

/** The refusal of an answer made over an older one: who answered since, and when. */
export function staleRefusal(
  latest: { answeredBy: { name: string }; answeredAt: Date } | undefined,
): FollowUpRefusal {
  return {
    code: 'stale',
    params: { name: latest?.answeredBy.name ?? '', at: latest?.answeredAt.toISOString() ?? '' },
  };
}
