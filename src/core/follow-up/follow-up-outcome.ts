import type { ValidationIssue } from '../validation/validation-issue';

/** Why a follow-up action was refused; each code has a sentence in every catalogue (`followUp.refusal.<code>`). */
export type FollowUpRefusalCode =
  'notFound' | 'forbidden' | 'notOpen' | 'closed' | 'invalid' | 'tooFar' | 'noTeam';

/** A refusal: nothing was written. For `invalid`, the issue of every field. */
export interface FollowUpRefusal {
  code: FollowUpRefusalCode;
  params: Record<string, string | number>;
  issues?: ValidationIssue[];
}

/** What a follow-up use case returns: its result, or why it refused. */
export type FollowUpOutcome<T> = { ok: true; value: T } | { ok: false; refusal: FollowUpRefusal };

/** Builds a refusal outcome. */
export function refuseFollowUp<T>(
  code: FollowUpRefusalCode,
  params: Record<string, string | number> = {},
  issues?: ValidationIssue[],
): FollowUpOutcome<T> {
  return { ok: false, refusal: issues === undefined ? { code, params } : { code, params, issues } };
}
