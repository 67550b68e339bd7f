import { z } from 'zod';
import type { Organisation } from './programme';
import { fromZodIssues, type ValidationIssue } from '../validation/validation-issue';
import type { ProgrammeTeam, TeamPerson } from './programme-team';

/** Facilitators per team, from the seed articles: "two facilitators from the Lab's extended team". */
export const MAX_FACILITATORS = 2;

const person = z
  .object({
    aadId: z.string().uuid(),
    name: z.string().min(1).max(120),
    organisation: z.string().min(1),
  })
  .strict();

const teamSchema = z
  .object({
    id: z.string().superRefine((value, ctx) => {
      if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(value)) {
        ctx.addIssue({ code: 'custom', params: { code: 'identifier', value } });
      }
    }),
    number: z.number().int().min(1),
    name: z.string().min(1).max(120),
    theme: z.string().min(1).optional(),
    lead: z.string().uuid(),
    /** Conversation id of the team's channel, once it exists. */
    channel: z.string().min(1).optional(),
    members: z.array(person).min(1),
    facilitators: z.array(person).min(1).max(MAX_FACILITATORS),
  })
  .strict();

/** What the teams block is checked against. */
export interface TeamsBlockContext {
  programmeId: string;
  organisations: readonly Organisation[];
  themeIds: readonly string[];
}

/**
 * Validates the optional `teams` block of a programme file (teams already formed, e.g. for a
 * schedule preview): the lead is a member, members come from the programme's organisations and
 * nobody is in two teams. Issues carry paths from the file's root.
 */
export function validateTeamsBlock(
  input: unknown,
  context: TeamsBlockContext,
  issues: ValidationIssue[],
): ProgrammeTeam[] | undefined {
  if (input === undefined) return undefined;
  const parsed = z.array(teamSchema).safeParse(input);
  if (!parsed.success) {
    issues.push(
      ...fromZodIssues(parsed.error.issues).map((issue) => ({
        ...issue,
        path: ['teams', ...issue.path],
      })),
    );
    return undefined;
  }
  const before = issues.length;
  const organisationIds = new Set(context.organisations.map((o) => o.id));
  const ids = new Set<string>();
  const numbers = new Set<number>();
  const placed = new Set<string>();
  parsed.data.forEach((team, index) => {
    const at = (...rest: (string | number)[]) => ['teams', index, ...rest];
    if (ids.has(team.id))
      issues.push({ path: at('id'), code: 'duplicate', params: { id: team.id } });
    if (numbers.has(team.number)) {
      issues.push({ path: at('number'), code: 'duplicate', params: { id: team.number } });
    }
    ids.add(team.id);
    numbers.add(team.number);
    if (team.theme !== undefined && !context.themeIds.includes(team.theme)) {
      issues.push({
        path: at('theme'),
        code: 'choice',
        params: { allowed: context.themeIds.join(', ') },
      });
    }
    if (!team.members.some((member) => sameId(member.aadId, team.lead))) {
      issues.push({ path: at('lead'), code: 'leadNotMember', params: {} });
    }
    team.members.forEach((member, memberIndex) => {
      if (!organisationIds.has(member.organisation)) {
        issues.push({
          path: at('members', memberIndex, 'organisation'),
          code: 'unknownOrganisation',
          params: { id: member.organisation },
        });
      }
      const key = member.aadId.toLowerCase();
      if (placed.has(key)) {
        issues.push({
          path: at('members', memberIndex, 'aadId'),
          code: 'duplicate',
          params: { id: member.name },
        });
      }
      placed.add(key);
    });
  });
  if (issues.length > before) return undefined;
  const toPerson = (p: z.infer<typeof person>): TeamPerson => ({
    aadId: p.aadId,
    name: p.name,
    organisationId: p.organisation,
  });
  return parsed.data.map((team) => {
    const result: ProgrammeTeam = {
      id: team.id,
      programmeId: context.programmeId,
      number: team.number,
      name: team.name,
      leadAadId: team.lead,
      members: team.members.map(toPerson),
      facilitators: team.facilitators.map(toPerson),
    };
    if (team.theme !== undefined) result.themeId = team.theme;
    if (team.channel !== undefined) {
      result.workspace = { kind: 'channel', conversationId: team.channel };
    }
    return result;
  });
}

// Entra object ids are GUIDs whose case varies between Teams and files.
function sameId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
