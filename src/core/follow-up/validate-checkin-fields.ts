import type { IndicatorDefinition } from '../programmes/follow-up-settings';
import type { ValidationIssue } from '../validation/validation-issue';
import {
  CHECKIN_STATUSES,
  HELP_CATEGORIES,
  type CheckinFields,
  type CheckinStatus,
  type HelpCategory,
  CheckinFieldIds,
  toIndicatorFieldId,
} from './checkin-answer';

/** Longest "what was done" and "next steps": a few paragraphs, which is what a monthly card is for. */
export const CHECKIN_TEXT_MAX_LENGTH = 2_000;
/** Longest help request; longer needs a conversation with the facilitators, not a card. */
export const HELP_TEXT_MAX_LENGTH = 1_000;
/** Longest text indicator: a short phrase such as "pilote lancé dans 2 services". */
export const INDICATOR_TEXT_MAX_LENGTH = 200;

/** A valid check-in form, or every issue found, each keyed by its input's id. */
export type CheckinFieldsValidation =
  { ok: true; fields: CheckinFields } | { ok: false; issues: ValidationIssue[] };

/**
 * Validates a check-in form as the card sent it (inputs arrive as text). Every field is checked
 * and every issue reported at once, so the card can show each error next to its field.
 */
export function validateCheckinFields(
  input: Record<string, unknown>,
  indicators: readonly IndicatorDefinition[],
): CheckinFieldsValidation {
  const issues: ValidationIssue[] = [];
  const text = (id: string): string => readText(input[id]);

  const status = text(CheckinFieldIds.status);
  if (status === '') issues.push(required(CheckinFieldIds.status));
  else if (!(CHECKIN_STATUSES as readonly string[]).includes(status)) {
    issues.push(choice(CheckinFieldIds.status, CHECKIN_STATUSES));
  }

  const progressText = text(CheckinFieldIds.progress);
  const progress = Number(progressText.replace(',', '.').replace(/\s*%$/, ''));
  if (progressText === '') issues.push(required(CheckinFieldIds.progress));
  else if (!Number.isFinite(progress)) {
    issues.push({ path: [CheckinFieldIds.progress], code: 'expectedNumber', params: {} });
  } else if (!Number.isInteger(progress)) {
    issues.push({ path: [CheckinFieldIds.progress], code: 'integer', params: {} });
  } else if (progress < 0) {
    issues.push({ path: [CheckinFieldIds.progress], code: 'min', params: { min: 0 } });
  } else if (progress > 100) {
    issues.push({ path: [CheckinFieldIds.progress], code: 'max', params: { max: 100 } });
  }

  const done = text(CheckinFieldIds.done);
  const nextSteps = text(CheckinFieldIds.nextSteps);
  for (const [id, value] of [
    [CheckinFieldIds.done, done],
    [CheckinFieldIds.nextSteps, nextSteps],
  ] as const) {
    if (value === '') issues.push(required(id));
    else checkLength(id, value, CHECKIN_TEXT_MAX_LENGTH, issues);
  }

  const helpText = text(CheckinFieldIds.helpText);
  const category = text(CheckinFieldIds.helpCategory) || 'none';
  if (!(HELP_CATEGORIES as readonly string[]).includes(category)) {
    issues.push(choice(CheckinFieldIds.helpCategory, HELP_CATEGORIES));
  } else if (category === 'none' && helpText !== '') {
    // A request without a category would reach nobody in particular at the Lab.
    issues.push(required(CheckinFieldIds.helpCategory));
  } else if (category !== 'none' && helpText === '') {
    issues.push(required(CheckinFieldIds.helpText));
  }
  checkLength(CheckinFieldIds.helpText, helpText, HELP_TEXT_MAX_LENGTH, issues);

  const values: Record<string, number | string> = {};
  for (const indicator of indicators) {
    const id = toIndicatorFieldId(indicator.id);
    const value = text(id);
    if (value === '') continue;
    if (indicator.type === 'number') {
      const number = Number(value.replace(',', '.').replace(/\s/g, ''));
      if (Number.isFinite(number)) values[indicator.id] = number;
      else issues.push({ path: [id], code: 'expectedNumber', params: {} });
    } else if (checkLength(id, value, INDICATOR_TEXT_MAX_LENGTH, issues)) {
      values[indicator.id] = value;
    }
  }

  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    fields: {
      status: status as CheckinStatus,
      progress,
      done,
      nextSteps,
      help: { category: category as HelpCategory, text: category === 'none' ? '' : helpText },
      indicators: values,
    },
  };
}

function readText(value: unknown): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' ? value.trim() : '';
}

function required(id: string): ValidationIssue {
  return { path: [id], code: 'required', params: {} };
}

function choice(id: string, allowed: readonly string[]): ValidationIssue {
  return { path: [id], code: 'choice', params: { allowed: allowed.join(', ') } };
}

function checkLength(id: string, value: string, max: number, issues: ValidationIssue[]): boolean {
  if (value.length <= max) return true;
  issues.push({ path: [id], code: 'tooLong', params: { max } });
  return false;
}
