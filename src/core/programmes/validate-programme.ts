import { z } from 'zod';
import { validateFollowUpBlock } from './validate-follow-up-block';
import { validateMeetingsBlock } from './validate-meetings-block';
import type { ProgrammeTeam } from './programme-team';
import { validateTeamsBlock } from './validate-teams-block';
import { fromZodIssues, type ValidationIssue } from '../validation/validation-issue';
import {
  BRANCHES,
  MILESTONE_ORDER,
  TEAMS_CHANNEL_TYPES,
  type Organisation,
  type Programme,
} from './programme';
import { HOLIDAY_CALENDAR_IDS } from '../scheduling/holiday-calendars';
import { dateTimeFormat } from '../scheduling/date-time-format';

/** Default minimum size of an applying team in team mode, from the 2023 edition (six per team). */
export const DEFAULT_MIN_TEAM_SIZE = 6;
/** Default number of days an accepted candidate has to confirm participation. */
export const DEFAULT_CONFIRMATION_DAYS = 7;

const identifier = z.string().superRefine((value, ctx) => {
  // Ids end up in idempotency keys, file names and card data: keep them short and plain.
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(value)) {
    ctx.addIssue({ code: 'custom', params: { code: 'identifier', value } });
  }
});

const day = z.string().superRefine((value, ctx) => {
  if (!isCalendarDay(value)) ctx.addIssue({ code: 'custom', params: { code: 'date', value } });
});

const timezone = z.string().superRefine((value, ctx) => {
  if (!isTimeZone(value)) ctx.addIssue({ code: 'custom', params: { code: 'timezone', value } });
});

/** An organisation as a programme file (or the catalogue) describes it. */
export const organisationSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    branch: z.enum(BRANCHES),
    region: z.string().min(1),
    timezone,
    holidays: z.enum(HOLIDAY_CALENDAR_IDS),
    emailDomains: z
      .array(z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i))
      .max(20)
      .optional(),
    onTeams: z.boolean().optional(),
  })
  .strict();

const labelled = z.object({ id: z.string().min(1), label: z.string().min(1) }).strict();

const programmeSchema = z
  .object({
    id: identifier,
    name: z.string().min(1).max(120),
    theme: z.string().min(1).max(300),
    description: z.string().max(4000).default(''),
    intake: z
      .object({
        mode: z.enum(['individual', 'team']),
        minTeamSize: z.number().int().min(2).max(60).default(DEFAULT_MIN_TEAM_SIZE),
        teamsPerOrganisation: z.number().int().min(1).default(1),
      })
      .strict(),
    capacity: z
      .object({
        seats: z.number().int().min(0),
        maxPerOrganisation: z.number().int().min(1),
      })
      .strict(),
    organisations: z.array(z.union([z.string().min(1), organisationSchema])).min(1),
    themes: z.array(labelled).min(1),
    milestones: z
      .object(
        Object.fromEntries(MILESTONE_ORDER.map((name) => [name, day])) as Record<
          (typeof MILESTONE_ORDER)[number],
          typeof day
        >,
      )
      .strict(),
    committee: z
      .array(
        z
          .object({
            aadId: z.string().uuid(),
            name: z.string().min(1),
            organisation: z.string().min(1),
          })
          .strict(),
      )
      .default([]),
    criteria: z.array(labelled).default([]),
    facilitators: z
      .array(
        z
          .object({
            aadId: z.string().uuid(),
            name: z.string().min(1),
            organisation: z.string().min(1),
          })
          .strict(),
      )
      .default([]),
    endorsementRequired: z.boolean().default(false),
    confirmationDays: z.number().int().min(1).max(60).default(DEFAULT_CONFIRMATION_DAYS),
    privacyNoticeUrl: z.string().url().optional(),
    // Shorter or longer than the defaults, within bounds a DPO would sign (docs/personal-data.md).
    retention: z
      .object({
        draftDaysAfterClose: z.number().int().min(0).max(90).optional(),
        unselectedMonthsAfterCommittee: z.number().int().min(1).max(24).optional(),
        participantMonthsAfterEnd: z.number().int().min(1).max(60).optional(),
      })
      .strict()
      .optional(),
    teamsTeamId: z.string().min(1).optional(),
    teamsGroupId: z.string().uuid().optional(),
    teamsChannelType: z.enum(TEAMS_CHANNEL_TYPES).optional(),
    // Checked by their own validators, so their issues keep paths from the file's root.
    followUp: z.unknown().optional(),
    meetings: z.unknown().optional(),
    teams: z.unknown().optional(),
  })
  .strict();

/**
 * The outcome of validating a programme description: the programme (with its formed teams when
 * the description lists them), or every issue found.
 */
export type ProgrammeValidation =
  | { ok: true; programme: Programme; teams?: ProgrammeTeam[] }
  | { ok: false; issues: ValidationIssue[] };

/**
 * Validates a programme description (as read from a YAML file or a wizard) against the known
 * organisations. Reports every issue at once; returns a programme only when there is none.
 */
export function validateProgramme(
  input: unknown,
  catalogue: readonly Organisation[],
): ProgrammeValidation {
  const parsed = programmeSchema.safeParse(input);
  const issues: ValidationIssue[] = parsed.success ? [] : fromZodIssues(parsed.error.issues);
  // Cross-field rules run on the raw input too, so one pass reports every error in the file.
  const raw = asRecord(input);
  const organisations = resolveOrganisations(raw.organisations, catalogue, issues);
  checkMilestoneOrder(asRecord(raw.milestones), issues);
  const capacity = asRecord(raw.capacity);
  if (
    typeof capacity.seats === 'number' &&
    typeof capacity.maxPerOrganisation === 'number' &&
    capacity.seats > 0 &&
    capacity.maxPerOrganisation > capacity.seats
  ) {
    issues.push({
      path: ['capacity', 'maxPerOrganisation'],
      code: 'max',
      params: { max: capacity.seats },
    });
  }
  reportDuplicates(raw.themes, ['themes'], issues);
  reportDuplicates(raw.criteria, ['criteria'], issues);
  const known = new Set(organisations.map((organisation) => organisation.id));
  asArray(raw.committee).forEach((member, index) => {
    const organisation = asRecord(member).organisation;
    if (typeof organisation === 'string' && !known.has(organisation)) {
      issues.push({
        path: ['committee', index, 'organisation'],
        code: 'unknownOrganisation',
        params: { id: organisation },
      });
    }
  });

  const followUp = validateFollowUpBlock(raw.followUp, issues);
  const meetings = 'meetings' in raw ? validateMeetingsBlock(raw.meetings, issues) : undefined;
  const teams = validateTeamsBlock(
    raw.teams,
    {
      programmeId: typeof raw.id === 'string' ? raw.id : '',
      organisations,
      themeIds: asArray(raw.themes)
        .map((theme) => asRecord(theme).id)
        .filter((id): id is string => typeof id === 'string'),
    },
    issues,
  );

  if (!parsed.success || issues.length > 0) return { ok: false, issues };
  const value = parsed.data;
  const programme: Programme = {
    id: value.id,
    name: value.name,
    theme: value.theme,
    description: value.description,
    intakeMode: value.intake.mode,
    organisations,
    seats: value.capacity.seats,
    maxPerOrganisation: value.capacity.maxPerOrganisation,
    themeOptions: value.themes,
    milestones: value.milestones,
    committee: value.committee.map((m) => ({
      aadId: m.aadId,
      name: m.name,
      organisationId: m.organisation,
    })),
    criteria: value.criteria,
    facilitators: value.facilitators.map((f) => ({
      aadId: f.aadId,
      name: f.name,
      organisationId: f.organisation,
    })),
    endorsementRequired: value.endorsementRequired,
    confirmationDays: value.confirmationDays,
  };
  if (value.intake.mode === 'team') {
    programme.teamIntake = {
      minTeamSize: value.intake.minTeamSize,
      teamsPerOrganisation: value.intake.teamsPerOrganisation,
    };
  }
  if (value.privacyNoticeUrl !== undefined) programme.privacyNoticeUrl = value.privacyNoticeUrl;
  if (value.retention !== undefined) programme.retention = value.retention;
  if (value.teamsTeamId !== undefined) programme.teamsTeamId = value.teamsTeamId;
  if (value.teamsGroupId !== undefined) programme.teamsGroupId = value.teamsGroupId;
  if (value.teamsChannelType !== undefined) programme.teamsChannelType = value.teamsChannelType;
  if (followUp !== undefined) programme.followUp = followUp;
  if (meetings !== undefined) programme.meetings = meetings;
  return teams === undefined ? { ok: true, programme } : { ok: true, programme, teams };
}

function resolveOrganisations(
  entries: unknown,
  catalogue: readonly Organisation[],
  issues: ValidationIssue[],
): Organisation[] {
  const organisations: Organisation[] = [];
  const seen = new Set<string>();
  asArray(entries).forEach((entry, index) => {
    const id = typeof entry === 'string' ? entry : asRecord(entry).id;
    if (typeof id !== 'string') return;
    const organisation =
      typeof entry === 'string'
        ? catalogue.find((known) => known.id === entry)
        : organisationSchema.safeParse(entry).data;
    if (typeof entry === 'string' && organisation === undefined) {
      issues.push({ path: ['organisations', index], code: 'unknownOrganisation', params: { id } });
    } else if (seen.has(id)) {
      issues.push({ path: ['organisations', index], code: 'duplicate', params: { id } });
    }
    seen.add(id);
    if (organisation !== undefined) organisations.push(organisation);
  });
  return organisations;
}

function checkMilestoneOrder(milestones: Record<string, unknown>, issues: ValidationIssue[]): void {
  // Each milestone is compared with the closest earlier one that is a valid day.
  let previous: { name: string; date: string } | undefined;
  for (const name of MILESTONE_ORDER) {
    const date = milestones[name];
    if (typeof date !== 'string' || !isCalendarDay(date)) continue;
    if (previous !== undefined && date < previous.date) {
      issues.push({
        path: ['milestones', name],
        code: 'dateOrder',
        params: { previous: previous.name, previousDate: previous.date },
      });
    } else {
      previous = { name, date };
    }
  }
}

function reportDuplicates(items: unknown, path: string[], issues: ValidationIssue[]): void {
  const seen = new Set<string>();
  asArray(items).forEach((item, index) => {
    const id = asRecord(item).id;
    if (typeof id !== 'string') return;
    if (seen.has(id))
      issues.push({ path: [...path, index, 'id'], code: 'duplicate', params: { id } });
    seen.add(id);
  });
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** True for a real calendar day written YYYY-MM-DD (so 2026-02-30 is refused). */
export function isCalendarDay(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match === null) return false;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, date));
  return (
    probe.getUTCFullYear() === year &&
    probe.getUTCMonth() === month - 1 &&
    probe.getUTCDate() === date
  );
}

/** True for an IANA time zone this runtime knows. */
export function isTimeZone(value: string): boolean {
  try {
    dateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
