import type { ValidationIssue } from '../validation/validation-issue';
import {
  REVIEW_DECISIONS,
  type ReviewAnswer,
  type ReviewDecision,
  type ReviewOutcomeFields,
  type ReviewPreparationFields,
  ReviewFieldIds,
} from './review-answer';

/** Longest answer to one preparation question: what fits on a slide of the review meeting. */
export const REVIEW_TEXT_MAX_LENGTH = 2_000;
/** Longest owner: a name or a role. */
export const OWNER_MAX_LENGTH = 120;

/** Valid review fields of the kind asked for, or every issue found, keyed by input id. */
export type ReviewFieldsValidation =
  | { ok: true; fields: ReviewPreparationFields | ReviewOutcomeFields }
  | { ok: false; issues: ValidationIssue[] };

/**
 * Validates a review card as submitted: the preparation (results and next steps required,
 * indicators and decisions needed optional) or the outcome (decision, next steps, owner).
 */
export function validateReviewFields(
  kind: ReviewAnswer['kind'],
  input: Record<string, unknown>,
): ReviewFieldsValidation {
  const issues: ValidationIssue[] = [];
  const read = (id: string, required: boolean, max: number): string => {
    const raw = input[id];
    const value = typeof raw === 'string' ? raw.trim() : '';
    if (value === '' && required) issues.push({ path: [id], code: 'required', params: {} });
    if (value.length > max) issues.push({ path: [id], code: 'tooLong', params: { max } });
    return value;
  };
  if (kind === 'preparation') {
    const fields: ReviewPreparationFields = {
      results: read(ReviewFieldIds.results, true, REVIEW_TEXT_MAX_LENGTH),
      indicators: read(ReviewFieldIds.indicators, false, REVIEW_TEXT_MAX_LENGTH),
      decisionsNeeded: read(ReviewFieldIds.decisionsNeeded, false, REVIEW_TEXT_MAX_LENGTH),
      nextSteps: read(ReviewFieldIds.nextSteps, true, REVIEW_TEXT_MAX_LENGTH),
    };
    return issues.length > 0 ? { ok: false, issues } : { ok: true, fields };
  }
  const decision = read(ReviewFieldIds.decision, true, OWNER_MAX_LENGTH);
  if (decision !== '' && !(REVIEW_DECISIONS as readonly string[]).includes(decision)) {
    issues.push({
      path: [ReviewFieldIds.decision],
      code: 'choice',
      params: { allowed: REVIEW_DECISIONS.join(', ') },
    });
  }
  const fields: ReviewOutcomeFields = {
    decision: decision as ReviewDecision,
    nextSteps: read(ReviewFieldIds.nextSteps, true, REVIEW_TEXT_MAX_LENGTH),
    owner: read(ReviewFieldIds.owner, true, OWNER_MAX_LENGTH),
  };
  return issues.length > 0 ? { ok: false, issues } : { ok: true, fields };
}
