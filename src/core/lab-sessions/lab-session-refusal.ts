import type { Outcome } from '../validation/outcome';

/** Why a Lab session use case refused; each code has a sentence in every catalogue. */
export type LabSessionRefusalCode =
  | 'invalid'
  | 'notFound'
  | 'forbidden'
  | 'labOnly'
  | 'wrongStatus'
  | 'notQualified'
  | 'changedMeanwhile';

/** What a Lab session use case returns. */
export type LabSessionOutcome<T> = Outcome<T, LabSessionRefusalCode>;
