import { z } from 'zod';
import { DEFAULT_MIN_TEAM_SIZE } from '../programmes/validate-programme';
import type { Programme } from '../programmes/programme';
import type { ValidationIssue } from '../validation/validation-issue';
import type { Applicant, TeamAnswers, TeamMember } from './candidacy';
import {
  checkConsent,
  checkLength,
  checkOrganisation,
  FormFields,
  readText,
  readToggle,
  required,
} from './form-fields';
import { MOTIVATION_MAX_LENGTH } from './validate-individual-form';

/** Largest team accepted, the same bound as the programme's minimum team size (60, a Lab session's size). */
export const MAX_TEAM_SIZE = 60;
/** Longest team name, short enough for a card title and a channel name. */
export const TEAM_NAME_MAX_LENGTH = 80;
/** Longest sponsor entry: a name and a title. */
export const SPONSOR_MAX_LENGTH = 200;
/** The project idea gets the same room as an individual motivation. */
export const PROJECT_IDEA_MAX_LENGTH = MOTIVATION_MAX_LENGTH;

/** A valid team form: the organisation, the answers and the team's size (referent included). */
export type TeamFormValidation =
  | { ok: true; organisationId: string; answers: TeamAnswers; teamSize: number }
  | { ok: false; issues: ValidationIssue[] };

const emailSchema = z.string().email();
// Entra object ids from the Teams people picker are GUIDs.
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Validates a team candidacy form: the referent applies for their organisation with the other
 * members (Teams users and/or emails), a project idea and a sponsor. The team's size counts the
 * referent and every distinct member.
 */
export function validateTeamForm(
  fields: Record<string, unknown>,
  programme: Programme,
  referent: Applicant,
): TeamFormValidation {
  const issues: ValidationIssue[] = [];
  const organisationId = checkOrganisation(fields, programme, issues);

  const teamName = readText(fields, FormFields.teamName);
  if (teamName === '') issues.push(required(FormFields.teamName));
  else checkLength(FormFields.teamName, teamName, TEAM_NAME_MAX_LENGTH, issues);

  const members = readMembers(fields, referent, issues);
  const teamSize = members.length + 1;
  const minTeamSize = programme.teamIntake?.minTeamSize ?? DEFAULT_MIN_TEAM_SIZE;
  if (teamSize < minTeamSize) {
    issues.push({
      path: [FormFields.members],
      code: 'teamSize',
      params: { min: minTeamSize, count: teamSize },
    });
  } else if (teamSize > MAX_TEAM_SIZE) {
    issues.push({ path: [FormFields.members], code: 'max', params: { max: MAX_TEAM_SIZE } });
  }

  const projectIdea = readText(fields, FormFields.projectIdea);
  if (projectIdea === '') issues.push(required(FormFields.projectIdea));
  else checkLength(FormFields.projectIdea, projectIdea, PROJECT_IDEA_MAX_LENGTH, issues);

  const sponsor = readText(fields, FormFields.sponsor);
  if (sponsor === '') issues.push(required(FormFields.sponsor));
  else checkLength(FormFields.sponsor, sponsor, SPONSOR_MAX_LENGTH, issues);

  checkConsent(fields, issues);

  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    organisationId,
    teamSize,
    answers: {
      mode: 'team',
      teamName,
      members,
      projectIdea,
      sponsor,
      availableForKickOff: readToggle(fields, FormFields.availableForKickOff),
      availableForHackathon: readToggle(fields, FormFields.availableForHackathon),
    },
  };
}

/** Members from the people picker (comma-separated ids) and the email list, without repeats. */
function readMembers(
  fields: Record<string, unknown>,
  referent: Applicant,
  issues: ValidationIssue[],
): TeamMember[] {
  const members: TeamMember[] = [];
  const seen = new Set<string>([referent.aadId.toLowerCase()]);
  for (const id of splitList(readText(fields, FormFields.members))) {
    if (!GUID.test(id)) {
      issues.push({ path: [FormFields.members], code: 'invalid', params: {} });
      continue;
    }
    if (seen.has(id.toLowerCase())) continue;
    seen.add(id.toLowerCase());
    members.push({ kind: 'user', aadId: id });
  }
  for (const email of splitList(readText(fields, FormFields.memberEmails))) {
    if (!emailSchema.safeParse(email).success) {
      issues.push({ path: [FormFields.memberEmails], code: 'email', params: { value: email } });
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
