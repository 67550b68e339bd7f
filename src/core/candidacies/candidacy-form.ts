import { z } from 'zod';
import { DEFAULT_MIN_TEAM_SIZE } from '../programmes/validate-programme';
import type { IntakeMode, Programme } from '../programmes/programme';
import type { ValidationIssue } from '../validation/validation-issue';
import {
  JOB_ROLES,
  type Applicant,
  type CandidacyAnswers,
  type JobRole,
  type TeamMember,
} from './candidacy';

/** Longest motivation accepted, from the call for candidacies (2,000 characters). */
export const MOTIVATION_MAX_LENGTH = 2_000;
/** Longest region name; the longest French region name is under 40 characters. */
export const REGION_MAX_LENGTH = 100;
/** Longest email address (RFC 5321 path limit). */
export const EMAIL_MAX_LENGTH = 254;
/** Largest team accepted, the same bound as the programme's minimum team size (60, a Lab session's size). */
export const MAX_TEAM_SIZE = 60;
/** Longest team name, short enough for a card title and a channel name. */
export const TEAM_NAME_MAX_LENGTH = 80;
/** Longest sponsor entry: a name and a title. */
export const SPONSOR_MAX_LENGTH = 200;
/** The project idea gets the same room as an individual motivation. */
export const PROJECT_IDEA_MAX_LENGTH = MOTIVATION_MAX_LENGTH;
/** Room for a pasted list of member emails: a team of 60 at about 40 characters each. */
export const MEMBER_EMAILS_MAX_LENGTH = 2_500;
/** Most theme wishes a candidate ranks, from the call for candidacies. */
export const MAX_THEME_WISHES = 3;
/**
 * Longest value a draft keeps per field: four times the longest allowed answer (2,000
 * characters), so an over-long motivation survives to be shortened, but a hostile card cannot
 * fill the database.
 */
export const DRAFT_VALUE_MAX_LENGTH = 8_000;

/**
 * What a field is, which decides its input on the card, how it is checked and how it is shown:
 * - `text` / `longText`: one line or several, at most `maxLength` characters;
 * - `email`: an e-mail address; `choice`: one of `choices` (labels `<choiceLabels>.<value>`);
 * - `toggle`: yes or no; `notice`: the information notice (RGPD art. 13), shown, nothing to accept;
 * - `organisation`: one of the programme's organisations (stored on the candidacy itself);
 * - `themeWishes`: up to MAX_THEME_WISHES of the programme's themes, ranked, the first required;
 * - `members`: the other members of a team (people picker) and `memberEmails`, by e-mail.
 */
export type FormFieldKind =
  | 'text'
  | 'longText'
  | 'email'
  | 'choice'
  | 'toggle'
  | 'notice'
  | 'organisation'
  | 'themeWishes'
  | 'members'
  | 'memberEmails';

/**
 * One field of the candidacy form, described once: the card's input, the validation, the
 * summary, the export and the catalogue check all read it. Its label is the message
 * `candidacy.field.<id>` (French and English); the summary and the export use
 * `candidacy.short.<id>` when the catalogue has one, else the label.
 */
export interface FormField {
  id: string;
  kind: FormFieldKind;
  /** The intake modes whose form has the field. */
  modes: readonly IntakeMode[];
  /** Required always, or only when the programme asks for the manager's endorsement. */
  required?: boolean | 'whenEndorsementRequired';
  maxLength?: number;
  /** For `choice`: the values, and the message prefix of their labels. */
  choices?: readonly string[];
  choiceLabels?: string;
  /** For `email`: the applicant's own address is refused (their line manager's, say). */
  notTheApplicant?: boolean;
  /** A column of the candidacies export. */
  exported?: boolean;
  /** A line of the candidacy's summary: a short fact, or a paragraph under its title. */
  summary?: 'fact' | 'paragraph';
}

const BOTH: readonly IntakeMode[] = ['individual', 'team'];
const INDIVIDUAL: readonly IntakeMode[] = ['individual'];
const TEAM: readonly IntakeMode[] = ['team'];

/**
 * The candidacy form, in the order the card shows it. Adding a field is one entry here and its
 * label in the two catalogues (`candidacy.field.<id>`); its answer is kept with the candidacy
 * (`answers.extra` for fields the domain does not read itself).
 */
export const CANDIDACY_FORM: readonly FormField[] = [
  { id: 'organisationId', kind: 'organisation', modes: BOTH, required: true },
  {
    id: 'jobRole',
    kind: 'choice',
    modes: INDIVIDUAL,
    required: true,
    choices: JOB_ROLES,
    choiceLabels: 'jobRole',
    exported: true,
    summary: 'fact',
  },
  {
    id: 'region',
    kind: 'text',
    modes: INDIVIDUAL,
    required: true,
    maxLength: REGION_MAX_LENGTH,
    exported: true,
    summary: 'fact',
  },
  {
    id: 'managerEmail',
    kind: 'email',
    modes: INDIVIDUAL,
    required: 'whenEndorsementRequired',
    maxLength: EMAIL_MAX_LENGTH,
    notTheApplicant: true,
    exported: true,
  },
  {
    id: 'motivation',
    kind: 'longText',
    modes: INDIVIDUAL,
    required: true,
    maxLength: MOTIVATION_MAX_LENGTH,
    exported: true,
    summary: 'paragraph',
  },
  { id: 'themeWishes', kind: 'themeWishes', modes: INDIVIDUAL, exported: true, summary: 'fact' },
  {
    id: 'teamName',
    kind: 'text',
    modes: TEAM,
    required: true,
    maxLength: TEAM_NAME_MAX_LENGTH,
    exported: true,
    summary: 'fact',
  },
  { id: 'members', kind: 'members', modes: TEAM, exported: true },
  { id: 'memberEmails', kind: 'memberEmails', modes: TEAM, maxLength: MEMBER_EMAILS_MAX_LENGTH },
  {
    id: 'projectIdea',
    kind: 'longText',
    modes: TEAM,
    required: true,
    maxLength: PROJECT_IDEA_MAX_LENGTH,
    exported: true,
    summary: 'paragraph',
  },
  {
    id: 'sponsor',
    kind: 'text',
    modes: TEAM,
    required: true,
    maxLength: SPONSOR_MAX_LENGTH,
    exported: true,
    summary: 'fact',
  },
  // Optional: with it, the sponsor hears of the Lab's decision on the team's candidacy.
  {
    id: 'sponsorEmail',
    kind: 'email',
    modes: TEAM,
    maxLength: EMAIL_MAX_LENGTH,
    exported: true,
    summary: 'fact',
  },
  { id: 'availableForKickOff', kind: 'toggle', modes: BOTH, exported: true, summary: 'fact' },
  { id: 'availableForHackathon', kind: 'toggle', modes: BOTH, exported: true, summary: 'fact' },
  { id: 'notice', kind: 'notice', modes: BOTH },
];

/** The fields of one intake mode's form, in order. */
export function listFormFields(
  mode: IntakeMode,
  form: readonly FormField[] = CANDIDACY_FORM,
): FormField[] {
  return form.filter((field) => field.modes.includes(mode));
}

/** The input ids a field gives the card: one, or one per ranked wish. */
export function toInputIds(field: FormField): string[] {
  if (field.kind !== 'themeWishes') return [field.id];
  return Array.from({ length: MAX_THEME_WISHES }, (_, index) => `themeWish${index + 1}`);
}

/** Every input id a candidacy form may send; anything else in the card data is ignored. */
export function listFormInputIds(form: readonly FormField[] = CANDIDACY_FORM): string[] {
  return form.flatMap(toInputIds);
}

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

/** Keeps only the known form inputs, as text, for drafts and for refilling a card. */
export function pickFormFields(
  fields: Record<string, unknown>,
  form: readonly FormField[] = CANDIDACY_FORM,
): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const id of listFormInputIds(form)) {
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

/** A valid form: the organisation applied for, the answers to store and the seats they take. */
export type CandidacyFormValidation =
  | { ok: true; organisationId: string; answers: CandidacyAnswers; seatCount: number }
  | { ok: false; issues: ValidationIssue[] };

const emailSchema = z.string().email();
// Entra object ids from the Teams people picker are GUIDs.
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One field's value once checked. */
type FieldValue = string | boolean | string[] | TeamMember[] | null;

/**
 * Validates a candidacy form as the card sent it, individual or team as the programme takes
 * them, field by field from the form's description. Every issue is reported at once, keyed by
 * the input's id, so the card shows each under its input.
 */
export function validateCandidacyForm(
  fields: Record<string, unknown>,
  programme: Programme,
  applicant: Applicant,
  form: readonly FormField[] = CANDIDACY_FORM,
): CandidacyFormValidation {
  const mode = programme.intakeMode;
  const issues: ValidationIssue[] = [];
  const values = new Map<string, FieldValue>();
  let seatCount = 1;
  for (const field of listFormFields(mode, form)) {
    values.set(field.id, checkField(field, fields, programme, applicant, issues));
    // Once both lists of members are read, the team's size is known: checked right after them.
    if (field.kind === 'memberEmails') seatCount = checkTeamSize(values, programme, issues);
  }
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    organisationId: values.get('organisationId') as string,
    answers: toAnswers(mode, values, form),
    seatCount,
  };
}

/** Joins the two lists of members and checks the team's size (the referent counts); returns it. */
function checkTeamSize(
  values: Map<string, FieldValue>,
  programme: Programme,
  issues: ValidationIssue[],
): number {
  const members = [
    ...((values.get('members') as TeamMember[] | undefined) ?? []),
    ...((values.get('memberEmails') as TeamMember[] | undefined) ?? []),
  ];
  values.set('members', members);
  const size = members.length + 1;
  const minTeamSize = programme.teamIntake?.minTeamSize ?? DEFAULT_MIN_TEAM_SIZE;
  if (size < minTeamSize) {
    issues.push({ path: ['members'], code: 'teamSize', params: { min: minTeamSize, count: size } });
  } else if (size > MAX_TEAM_SIZE) {
    issues.push({ path: ['members'], code: 'max', params: { max: MAX_TEAM_SIZE } });
  }
  return size;
}

function checkField(
  field: FormField,
  fields: Record<string, unknown>,
  programme: Programme,
  applicant: Applicant,
  issues: ValidationIssue[],
): FieldValue {
  const text = readText(fields, field.id);
  const isRequired =
    field.required === true ||
    (field.required === 'whenEndorsementRequired' && programme.endorsementRequired === true);
  const missing = (): null => {
    if (isRequired) issues.push(required(field.id));
    return null;
  };
  switch (field.kind) {
    case 'toggle':
      return readToggle(fields, field.id);
    case 'notice':
      // The legal basis is the Lab's public service mission, not consent: nothing to accept.
      return true;
    case 'organisation': {
      if (text === '') return missing() ?? '';
      if (!programme.organisations.some((organisation) => organisation.id === text)) {
        issues.push(
          choice(
            field.id,
            programme.organisations.map((o) => o.name),
          ),
        );
      }
      return text;
    }
    case 'choice': {
      if (text === '') return missing();
      const allowed = field.choices ?? [];
      if (!allowed.includes(text)) issues.push(choice(field.id, allowed));
      return text;
    }
    case 'email':
      if (text === '') return missing();
      if (countCharacters(text) > (field.maxLength ?? EMAIL_MAX_LENGTH)) {
        checkLength(field.id, text, field.maxLength ?? EMAIL_MAX_LENGTH, issues);
      } else if (!emailSchema.safeParse(text).success) {
        issues.push({ path: [field.id], code: 'email', params: {} });
      } else if (
        field.notTheApplicant === true &&
        applicant.email != null &&
        applicant.email.toLowerCase() === text.toLowerCase()
      ) {
        // A candidate endorsing their own candidacy is no endorsement.
        issues.push({ path: [field.id], code: 'notYourself', params: {} });
      }
      return text.toLowerCase();
    case 'text':
    case 'longText':
      if (text === '') return missing() ?? '';
      checkLength(field.id, text, field.maxLength ?? DRAFT_VALUE_MAX_LENGTH, issues);
      return text;
    case 'themeWishes':
      return checkThemeWishes(field, fields, programme, issues);
    case 'members':
      return readPeople(field.id, text, applicant, issues);
    case 'memberEmails':
      return readEmails(field.id, text, applicant, issues, field.maxLength);
  }
}

function checkThemeWishes(
  field: FormField,
  fields: Record<string, unknown>,
  programme: Programme,
  issues: ValidationIssue[],
): string[] {
  const known = new Set(programme.themeOptions.map((option) => option.id));
  const wishes: string[] = [];
  toInputIds(field).forEach((id, index) => {
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

/** Members from the people picker (comma-separated ids), without the referent or repeats. */
function readPeople(
  id: string,
  text: string,
  referent: Applicant,
  issues: ValidationIssue[],
): TeamMember[] {
  const members: TeamMember[] = [];
  const seen = new Set<string>([referent.aadId.toLowerCase()]);
  for (const aadId of splitList(text)) {
    if (!GUID.test(aadId)) {
      issues.push({ path: [id], code: 'invalid', params: {} });
      continue;
    }
    if (seen.has(aadId.toLowerCase())) continue;
    seen.add(aadId.toLowerCase());
    members.push({ kind: 'user', aadId });
  }
  return members;
}

/** Members known by e-mail only, without repeats. */
function readEmails(
  id: string,
  text: string,
  referent: Applicant,
  issues: ValidationIssue[],
  maxLength: number | undefined,
): TeamMember[] {
  if (maxLength !== undefined) checkLength(id, text, maxLength, issues);
  const members: TeamMember[] = [];
  const seen = new Set<string>([referent.aadId.toLowerCase()]);
  for (const email of splitList(text)) {
    if (!emailSchema.safeParse(email).success) {
      issues.push({ path: [id], code: 'email', params: { value: email } });
      continue;
    }
    const key = email.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    members.push({ kind: 'email', email: key });
  }
  return members;
}

// People paste lists separated by commas, semicolons (Outlook) or new lines.
function splitList(text: string): string[] {
  return text
    .split(/[,;\s]+/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** The ids the domain reads itself; every other field's answer is kept in `answers.extra`. */
const DOMAIN_FIELDS = new Set([
  'organisationId',
  'jobRole',
  'region',
  'managerEmail',
  'motivation',
  'themeWishes',
  'teamName',
  'members',
  'memberEmails',
  'projectIdea',
  'sponsor',
  'sponsorEmail',
  'availableForKickOff',
  'availableForHackathon',
  'notice',
]);

function toAnswers(
  mode: IntakeMode,
  values: ReadonlyMap<string, FieldValue>,
  form: readonly FormField[],
): CandidacyAnswers {
  const text = (id: string): string => {
    const value = values.get(id);
    return typeof value === 'string' ? value : '';
  };
  const extra: Record<string, string | boolean> = {};
  for (const field of listFormFields(mode, form)) {
    const value = values.get(field.id);
    if (DOMAIN_FIELDS.has(field.id)) continue;
    if (typeof value === 'string' || typeof value === 'boolean') extra[field.id] = value;
  }
  const common = {
    availableForKickOff: values.get('availableForKickOff') === true,
    availableForHackathon: values.get('availableForHackathon') === true,
    ...(Object.keys(extra).length === 0 ? {} : { extra }),
  };
  if (mode === 'team') {
    return {
      mode: 'team',
      teamName: text('teamName'),
      members: (values.get('members') as TeamMember[] | undefined) ?? [],
      projectIdea: text('projectIdea'),
      sponsor: text('sponsor'),
      ...(text('sponsorEmail') === '' ? {} : { sponsorEmail: text('sponsorEmail') }),
      ...common,
    };
  }
  const managerEmail = values.get('managerEmail');
  return {
    mode: 'individual',
    jobRole: text('jobRole') as JobRole,
    region: text('region'),
    managerEmail: typeof managerEmail === 'string' && managerEmail !== '' ? managerEmail : null,
    motivation: text('motivation'),
    themeWishes: (values.get('themeWishes') as string[] | undefined) ?? [],
    ...common,
  };
}

/**
 * A stored answer of a field, as the form and the summary show it: text, yes/no, or a list
 * (theme ids, members); undefined when the candidacy's mode has no such field.
 */
export function readAnswer(
  answers: CandidacyAnswers,
  id: string,
): string | boolean | readonly string[] | readonly TeamMember[] | null | undefined {
  if (id in answers && id !== 'extra' && id !== 'mode') {
    return (
      answers as unknown as Record<string, string | boolean | string[] | TeamMember[] | null>
    )[id];
  }
  return answers.extra?.[id];
}

/** A 'required' issue on a field. */
export function required(id: string): ValidationIssue {
  return { path: [id], code: 'required', params: {} };
}

/** A 'choice' issue on a field, listing what is allowed. */
export function choice(id: string, allowed: readonly string[]): ValidationIssue {
  return { path: [id], code: 'choice', params: { allowed: allowed.join(', ') } };
}
