import type { ValidationIssue } from '../validation/validation-issue';

/** Why a use case refused to act; each code has a sentence in every message catalogue (`refusal.<code>`). */
export type RefusalCode =
  | 'invalid'
  | 'callNotOpen'
  | 'callClosed'
  | 'notFound'
  | 'notEditable'
  | 'teamQuotaReached'
  | 'forbidden'
  | 'conflictOfInterest'
  | 'seatsFull'
  | 'organisationFull'
  | 'notAccepted'
  | 'confirmationClosed'
  | 'alreadyAnswered'
  | 'noEndorsement'
  | 'linkExpired'
  | 'linkUsed';

/** A refusal: its code, the figures its sentence needs, and for `invalid` the issue of every field. */
export interface Refusal {
  code: RefusalCode;
  params: Record<string, string | number>;
  issues?: ValidationIssue[];
}

/** What a use case returns: its result, or the reason it refused (nothing was written then). */
export type Outcome<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

/** Builds a refusal outcome. */
export function refuse<T>(
  code: RefusalCode,
  params: Record<string, string | number> = {},
  issues?: ValidationIssue[],
): Outcome<T> {
  return { ok: false, refusal: issues === undefined ? { code, params } : { code, params, issues } };
}
