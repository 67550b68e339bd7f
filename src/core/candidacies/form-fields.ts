import type { Programme } from '../programmes/programme';
import type { ValidationIssue } from '../validation/validation-issue';

/**
 * Form field ids. Card inputs carry these ids and validation issues point at them, so a card
 * can show each error next to its field.
 */
export const FormFields = {
  organisation: 'organisationId',
  jobRole: 'jobRole',
  region: 'region',
  managerEmail: 'managerEmail',
  motivation: 'motivation',
  themeWishes: ['themeWish1', 'themeWish2', 'themeWish3'],
  availableForKickOff: 'availableForKickOff',
  availableForHackathon: 'availableForHackathon',
  consent: 'consent',
  teamName: 'teamName',
  members: 'members',
  memberEmails: 'memberEmails',
  projectIdea: 'projectIdea',
  sponsor: 'sponsor',
} as const;

/** Every field id a candidacy form may send; anything else in the card data is ignored. */
export const FORM_FIELD_IDS: readonly string[] = Object.values(FormFields).flat();

/** The text of a field, trimmed; '' when absent or not text. */
export function readText(fields: Record<string, unknown>, id: string): string {
  const value = fields[id];
  return typeof value === 'string' ? value.trim() : '';
}

/** A toggle's value: Teams sends the toggle's valueOn/valueOff strings, "true" and "false" here. */
export function readToggle(fields: Record<string, unknown>, id: string): boolean {
  const value = fields[id];
  return value === true || value === 'true';
}

/**
 * Longest value a draft keeps per field: four times the longest allowed answer (2,000
 * characters), so an over-long motivation survives to be shortened, but a hostile card cannot
 * fill the database.
 */
export const DRAFT_VALUE_MAX_LENGTH = 8_000;

/** Keeps only the known form fields, as text, for drafts and for refilling a card. */
export function pickFormFields(fields: Record<string, unknown>): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const id of FORM_FIELD_IDS) {
    const value = fields[id];
    if (typeof value === 'string') picked[id] = value.slice(0, DRAFT_VALUE_MAX_LENGTH);
    else if (typeof value === 'boolean') picked[id] = String(value);
  }
  return picked;
}

/** Length in characters as people count them (code points, so an emoji counts once). */
export function countCharacters(text: string): number {
  return [...text].length;
}

/** The organisation field, checked against the programme's organisations (both intake modes). */
export function checkOrganisation(
  fields: Record<string, unknown>,
  programme: Programme,
  issues: ValidationIssue[],
): string {
  const organisationId = readText(fields, FormFields.organisation);
  if (organisationId === '') issues.push(required(FormFields.organisation));
  else if (!programme.organisations.some((organisation) => organisation.id === organisationId)) {
    issues.push(
      choice(
        FormFields.organisation,
        programme.organisations.map((organisation) => organisation.name),
      ),
    );
  }
  return organisationId;
}

/** The consent toggle, which must be on (both intake modes). */
export function checkConsent(fields: Record<string, unknown>, issues: ValidationIssue[]): void {
  if (!readToggle(fields, FormFields.consent)) {
    issues.push({ path: [FormFields.consent], code: 'consent', params: {} });
  }
}

/** Refuses text longer than `max` characters. */
export function checkLength(
  id: string,
  value: string,
  max: number,
  issues: ValidationIssue[],
): void {
  const length = countCharacters(value);
  if (length > max) issues.push({ path: [id], code: 'tooLong', params: { max, length } });
}

/** A 'required' issue on a field. */
export function required(id: string): ValidationIssue {
  return { path: [id], code: 'required', params: {} };
}

/** A 'choice' issue on a field, listing what is allowed. */
export function choice(id: string, allowed: readonly string[]): ValidationIssue {
  return { path: [id], code: 'choice', params: { allowed: allowed.join(', ') } };
}
