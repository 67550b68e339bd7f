import { z } from 'zod';
import type { Programme } from '../programmes/programme';
import type { ValidationIssue } from '../validation/validation-issue';
import { JOB_ROLES, type IndividualAnswers, type JobRole } from './candidacy';
import {
  checkConsent,
  checkLength,
  checkOrganisation,
  choice,
  FormFields,
  readText,
  readToggle,
  required,
} from './form-fields';

/** Longest motivation accepted, from the call for candidacies (2,000 characters). */
export const MOTIVATION_MAX_LENGTH = 2_000;
/** Longest region name; the longest French region name is under 40 characters. */
export const REGION_MAX_LENGTH = 100;
/** Most theme wishes a candidate ranks, from the call for candidacies. */
export const MAX_THEME_WISHES = FormFields.themeWishes.length;

/** A valid individual form: the organisation applied for and the answers to store. */
export type IndividualFormValidation =
  | { ok: true; organisationId: string; answers: IndividualAnswers }
  | { ok: false; issues: ValidationIssue[] };

const emailSchema = z.string().email();

/**
 * Validates an individual candidacy form as the card sent it. Every field is checked and every
 * issue reported at once, keyed by the field's id.
 */
export function validateIndividualForm(
  fields: Record<string, unknown>,
  programme: Programme,
): IndividualFormValidation {
  const issues: ValidationIssue[] = [];
  const organisationId = checkOrganisation(fields, programme, issues);

  const jobRole = readText(fields, FormFields.jobRole);
  if (jobRole === '') issues.push(required(FormFields.jobRole));
  else if (!(JOB_ROLES as readonly string[]).includes(jobRole)) {
    issues.push(choice(FormFields.jobRole, JOB_ROLES));
  }

  const region = readText(fields, FormFields.region);
  if (region === '') issues.push(required(FormFields.region));
  else checkLength(FormFields.region, region, REGION_MAX_LENGTH, issues);

  const managerEmail = readText(fields, FormFields.managerEmail);
  if (managerEmail === '') {
    if (programme.endorsementRequired === true) issues.push(required(FormFields.managerEmail));
  } else if (!emailSchema.safeParse(managerEmail).success) {
    issues.push({ path: [FormFields.managerEmail], code: 'email', params: {} });
  }

  const motivation = readText(fields, FormFields.motivation);
  if (motivation === '') issues.push(required(FormFields.motivation));
  else checkLength(FormFields.motivation, motivation, MOTIVATION_MAX_LENGTH, issues);

  const themeWishes = checkThemeWishes(fields, programme, issues);
  checkConsent(fields, issues);

  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    organisationId,
    answers: {
      mode: 'individual',
      jobRole: jobRole as JobRole,
      region,
      managerEmail: managerEmail === '' ? null : managerEmail.toLowerCase(),
      motivation,
      themeWishes,
      availableForKickOff: readToggle(fields, FormFields.availableForKickOff),
      availableForHackathon: readToggle(fields, FormFields.availableForHackathon),
    },
  };
}

function checkThemeWishes(
  fields: Record<string, unknown>,
  programme: Programme,
  issues: ValidationIssue[],
): string[] {
  const known = new Set(programme.themeOptions.map((option) => option.id));
  const wishes: string[] = [];
  FormFields.themeWishes.forEach((id, index) => {
    const wish = readText(fields, id);
    if (wish === '') {
      // The first wish is required; later ones are optional.
      if (index === 0) issues.push(required(id));
      return;
    }
    if (!known.has(wish)) {
      issues.push(
        choice(
          id,
          programme.themeOptions.map((option) => option.label),
        ),
      );
    } else if (wishes.includes(wish)) {
      const label = programme.themeOptions.find((option) => option.id === wish)?.label ?? wish;
      issues.push({ path: [id], code: 'duplicate', params: { id: label } });
    } else {
      wishes.push(wish);
    }
  });
  return wishes;
}
