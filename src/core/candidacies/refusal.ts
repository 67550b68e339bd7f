import {
  refuse as refuseWith,
  type Outcome as GenericOutcome,
  type Refusal as GenericRefusal,
} from '../validation/outcome';
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
  | 'ownCandidacy'
  | 'linkExpired'
  | 'linkUsed';

/** A refusal of a candidacy or selection use case. */
export type Refusal = GenericRefusal<RefusalCode>;

/** What a candidacy or selection use case returns. */
export type Outcome<T> = GenericOutcome<T, RefusalCode>;

/** Builds a refusal outcome of a candidacy or selection use case. */
export const refuse: <T>(
  code: RefusalCode,
  params?: Record<string, string | number>,
  issues?: ValidationIssue[],
) => Outcome<T> = refuseWith;
