import { type LabMember, getFollowUpSettings } from '../programmes/follow-up-settings';
import type { Programme } from '../programmes/programme';
import type { ProgrammeTeam, TeamPerson } from '../programmes/programme-team';
import { addDays } from '../scheduling/local-days';
import type { HolidayCalendar, HolidayCalendarId } from '../scheduling/holiday-calendars';
import type { FollowUpSources } from './follow-up-deps';
import type { TeamHeading } from './follow-up-notices';

/**
 * Days before the follow-up starts and after the programme ends during which its sends are still
 * looked at: more than the longest window (a month's check-in stays open until the next one).
 */
export const FOLLOW_UP_MARGIN_DAYS = 45;

/** Everything the follow-up calendar is computed from; no store is read while planning. */
export interface FollowUpPlanInput {
  programme: Programme;
  teams: readonly ProgrammeTeam[];
  /** Lab team members from the bot's configuration, in addition to those the programme names. */
  extraLabTeam?: readonly LabMember[];
  /** The IANA zone a person last wrote from in Teams, when known. */
  zoneOf(aadId: string): string | null | undefined;
  /** Holiday calendars by id; the maintained library's calendars when absent. */
  calendarOf?(id: HolidayCalendarId): HolidayCalendar;
}

/** One team with everything its cards are computed from. */
export interface TeamContext {
  /** The programme's plan input, holding this team only. */
  input: FollowUpPlanInput;
  team: ProgrammeTeam;
}

/** Who acts on a follow-up card: their Entra id, display name, and whether the bot's configuration makes them Lab team. */
export interface FollowUpActor {
  aadId: string;
  name: string;
  /** From LAB_ADMIN_IDS; the programme's own Lab team is added by the use cases. */
  isLab: boolean;
}

/** What a person is to a team; one person can be several (a facilitator who is also Lab team). */
export interface TeamRoles {
  lead: boolean;
  member: boolean;
  facilitator: boolean;
  lab: boolean;
}

/**
 * The plan input of one programme: its teams (all, or the one asked for), the configured Lab
 * team, and the zone each of their people last wrote from. Three reads whatever the number of
 * teams and people: the teams, then every zone at once.
 */
export async function loadFollowUpInput(
  programme: Programme,
  sources: FollowUpSources,
  onlyTeamId?: string,
): Promise<FollowUpPlanInput> {
  let teams: ProgrammeTeam[];
  if (onlyTeamId === undefined) {
    teams = await sources.teams.listByProgramme(programme.id);
  } else {
    const team = await sources.teams.get(programme.id, onlyTeamId);
    teams = team === undefined ? [] : [team];
  }
  const extraLabTeam = sources.labAdminIds.map((aadId) => ({ aadId, name: '' }));
  const people = new Set<string>();
  for (const team of teams) {
    people.add(team.leadAadId.toLowerCase());
    for (const person of [...team.members, ...team.facilitators]) {
      people.add(person.aadId.toLowerCase());
    }
  }
  for (const member of listLabTeam({ programme, extraLabTeam })) {
    people.add(member.aadId.toLowerCase());
  }
  const zones = new Map<string, string>();
  for (const context of await sources.conversations.listUserContexts([...people])) {
    if (context.timezone) zones.set(context.aadId.toLowerCase(), context.timezone);
  }
  return {
    programme,
    teams,
    extraLabTeam,
    zoneOf: (aadId) => zones.get(aadId.toLowerCase()),
  };
}

/** The plan inputs of every programme whose follow-up is under way around `today` (YYYY-MM-DD). */
export async function listFollowUpInputs(
  sources: FollowUpSources,
  today: string,
): Promise<FollowUpPlanInput[]> {
  const inputs: FollowUpPlanInput[] = [];
  for (const programme of await sources.programmes.list()) {
    const { followUpStart, end } = programme.milestones;
    if (today < addDays(followUpStart, -FOLLOW_UP_MARGIN_DAYS)) continue;
    if (today > addDays(end, FOLLOW_UP_MARGIN_DAYS)) continue;
    inputs.push(await loadFollowUpInput(programme, sources));
  }
  return inputs;
}

/**
 * One team with what its cards are computed from, read once for a turn whatever the size of the
 * programme: the programme, the team, and its people's zones. Undefined when either is unknown.
 */
export async function loadTeamContext(
  sources: FollowUpSources,
  programmeId: string,
  teamId: string,
): Promise<TeamContext | undefined> {
  const programme = await sources.programmes.get(programmeId);
  if (programme === undefined) return undefined;
  const input = await loadFollowUpInput(programme, sources, teamId);
  const team = input.teams[0];
  return team === undefined ? undefined : { input, team };
}

/** The Lab team of a programme: those it names, then the configured ones it does not, once each. */
export function listLabTeam(
  input: Pick<FollowUpPlanInput, 'programme' | 'extraLabTeam'>,
): LabMember[] {
  const members = new Map<string, LabMember>();
  for (const member of [
    ...getFollowUpSettings(input.programme).labTeam,
    ...(input.extraLabTeam ?? []),
  ]) {
    const id = member.aadId.toLowerCase();
    if (!members.has(id)) members.set(id, member);
  }
  return [...members.values()];
}

/** The person's roles for a team; the Lab team is the configured one plus the programme's own. */
export function resolveTeamRoles(
  actor: FollowUpActor,
  team: ProgrammeTeam,
  input: Pick<FollowUpPlanInput, 'programme' | 'extraLabTeam'>,
): TeamRoles {
  // Entra object ids are GUIDs whose case differs between Teams and files.
  const id = actor.aadId.toLowerCase();
  const is = (other: string): boolean => other.toLowerCase() === id;
  return {
    lead: is(team.leadAadId),
    member: is(team.leadAadId) || team.members.some((m) => is(m.aadId)),
    facilitator: team.facilitators.some((f) => is(f.aadId)),
    lab: actor.isLab || listLabTeam(input).some((l) => is(l.aadId)),
  };
}

/**
 * Who may read a team's cards, answers and history: its members (lead included), its
 * facilitators and the Lab team. Nobody else sees a word of them.
 */
export function mayReadTeam(roles: TeamRoles): boolean {
  return roles.member || roles.facilitator || roles.lab;
}

/** Everyone who sees a team's cards: lead and members, facilitators, then the Lab team, once each. */
export function listTeamViewers(team: ProgrammeTeam, labTeam: readonly LabMember[]): string[] {
  const ids = [
    team.leadAadId,
    ...team.members.map((m) => m.aadId),
    ...team.facilitators.map((f) => f.aadId),
    ...labTeam.map((l) => l.aadId),
  ].map((id) => id.toLowerCase());
  return [...new Set(ids)];
}

/** The team's lead as a person; a lead missing from the members list still gets a name (their id). */
export function findTeamLead(team: ProgrammeTeam): TeamPerson {
  const lead = team.leadAadId.toLowerCase();
  return (
    team.members.find((member) => member.aadId.toLowerCase() === lead) ?? {
      aadId: team.leadAadId,
      name: team.leadAadId,
      organisationId: '',
    }
  );
}

/** The heading every follow-up card shows: programme and team. */
export function toTeamHeading(programme: Programme, team: ProgrammeTeam): TeamHeading {
  return {
    programmeId: programme.id,
    programmeName: programme.name,
    teamId: team.id,
    teamNumber: team.number,
    teamName: team.name,
  };
}
