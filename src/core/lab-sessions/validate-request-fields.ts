import type { ValidationIssue } from '../validation/validation-issue';
import { MAX_SESSION_PARTICIPANTS, type SessionRequestFields } from './session-request';

/** An address as people type it: something@domain.tld, no spaces. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The request form's fields, in the order of the card, with their bounds. */
export const REQUEST_TEXT_FIELDS = [
  { id: 'subject', required: true, maxLength: 120, multiline: false },
  { id: 'problem', required: true, maxLength: 2000, multiline: true },
  { id: 'intendedResult', required: true, maxLength: 2000, multiline: true },
  { id: 'sponsor', required: false, maxLength: 120, multiline: false },
  { id: 'sponsorEmail', required: false, maxLength: 200, multiline: false },
  { id: 'desiredPeriod', required: true, maxLength: 120, multiline: false },
  { id: 'constraints', required: false, maxLength: 1000, multiline: true },
] as const satisfies readonly {
  id: keyof SessionRequestFields;
  required: boolean;
  maxLength: number;
  multiline: boolean;
}[];

export const REQUEST_COUNT_FIELDS = ['internalParticipants', 'externalParticipants'] as const;

/** Every field id of the request form. */
export const REQUEST_FIELD_IDS: readonly (keyof SessionRequestFields)[] = [
  ...REQUEST_TEXT_FIELDS.map((field) => field.id),
  ...REQUEST_COUNT_FIELDS,
];

/** The form's values as the card sent them, kept to refill it (drafts, errors). */
export type RequestFormValues = Partial<Record<keyof SessionRequestFields, string>>;

/** Keeps the form's own fields, as text, from whatever the card sent. */
export function toRequestFormValues(raw: Record<string, unknown>): RequestFormValues {
  const values: RequestFormValues = {};
  for (const id of REQUEST_FIELD_IDS) {
    const value = raw[id];
    if (typeof value === 'string') values[id] = value;
    else if (typeof value === 'number' && Number.isFinite(value)) values[id] = String(value);
  }
  return values;
}

/**
 * Checks the request form field by field: texts present and bounded, participant counts whole
 * numbers, at least one person and at most 60 in all (the excess is said under the external
 * count, as the number still allowed there).
 */
export function validateRequestFields(
  raw: Record<string, unknown>,
): { ok: true; fields: SessionRequestFields } | { ok: false; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  const texts: Partial<Record<string, string>> = {};
  for (const field of REQUEST_TEXT_FIELDS) {
    const value = raw[field.id];
    if (value !== undefined && value !== null && typeof value !== 'string') {
      issues.push({ path: [field.id], code: 'expectedText', params: {} });
      continue;
    }
    const text = (value ?? '').trim();
    if (field.required && text === '') {
      issues.push({ path: [field.id], code: 'required', params: {} });
    } else if (text.length > field.maxLength) {
      issues.push({ path: [field.id], code: 'tooLong', params: { max: field.maxLength } });
    } else if (field.id === 'sponsorEmail' && text !== '' && !EMAIL.test(text)) {
      issues.push({ path: [field.id], code: 'email', params: {} });
    }
    texts[field.id] = text;
  }
  const counts: Partial<Record<string, number>> = {};
  for (const id of REQUEST_COUNT_FIELDS) {
    const count = toCount(raw[id]);
    if (count === 'missing') issues.push({ path: [id], code: 'required', params: {} });
    else if (count === 'invalid') issues.push({ path: [id], code: 'integer', params: {} });
    else if (count < 0) issues.push({ path: [id], code: 'min', params: { min: 0 } });
    else if (count > MAX_SESSION_PARTICIPANTS) {
      issues.push({ path: [id], code: 'max', params: { max: MAX_SESSION_PARTICIPANTS } });
    } else counts[id] = count;
  }
  const internal = counts.internalParticipants;
  const external = counts.externalParticipants;
  if (internal !== undefined && external !== undefined) {
    if (internal + external === 0) {
      issues.push({ path: ['internalParticipants'], code: 'min', params: { min: 1 } });
    } else if (internal + external > MAX_SESSION_PARTICIPANTS) {
      issues.push({
        path: ['externalParticipants'],
        code: 'max',
        params: { max: MAX_SESSION_PARTICIPANTS - internal },
      });
    }
  }
  if (issues.length > 0 || internal === undefined || external === undefined) {
    return { ok: false, issues };
  }
  return {
    ok: true,
    fields: {
      subject: texts.subject ?? '',
      problem: texts.problem ?? '',
      intendedResult: texts.intendedResult ?? '',
      sponsor: texts.sponsor ?? '',
      sponsorEmail: (texts.sponsorEmail ?? '').toLowerCase(),
      internalParticipants: internal,
      externalParticipants: external,
      desiredPeriod: texts.desiredPeriod ?? '',
      constraints: texts.constraints ?? '',
    },
  };
}

function toCount(value: unknown): number | 'missing' | 'invalid' {
  if (value === undefined || value === null) return 'missing';
  if (typeof value === 'number') return Number.isInteger(value) ? value : 'invalid';
  if (typeof value !== 'string') return 'invalid';
  const text = value.trim();
  if (text === '') return 'missing';
  return /^-?\d{1,6}$/.test(text) ? Number(text) : 'invalid';
}
