import { TeamMembershipError, type TeamMembership } from '../ports/team-membership';
import type { TeamPerson } from '../programmes/programme-team';

/**
 * Graph asks to stagger member additions by about two seconds ("Add member to team"); the bot
 * adds people one by one, so a programme of 40 people takes a minute and a half.
 */
export const MEMBER_ADD_PACE_MS = 2_000;

/**
 * Someone who could not be added, and why: the permission refused, an account Graph does not
 * know, a guest (someone of an organisation not on Teams, whom Graph does not know: they must be
 * invited into the tenant first), or another error.
 */
export interface MembershipFailure {
  name: string;
  /** Their Entra id (never shown: cards name people), so a passing failure can be tried again. */
  aadId: string;
  reason: 'permission' | 'not-found' | 'guest' | 'error';
  detail: string;
  /** Graph throttled or was unavailable: another try later may succeed. Else final. */
  transient: boolean;
  /** Their organisation's id, for a guest. */
  organisationId?: string;
}

/** What tells a guest apart: the organisations the catalogue marks as not on Teams. */
export interface GuestRule {
  notOnTeams: ReadonlySet<string>;
}

/** What adding the participants and facilitators to the programme's team did. */
export interface MembershipReport {
  added: number;
  already: number;
  failed: MembershipFailure[];
}

/**
 * Makes every participant and facilitator a member of the programme's Teams team, so each sees
 * their team's channel (standard channels are open to every member of the team). Reads the
 * members once and adds only those missing, so running it again adds nobody twice. A refusal for
 * want of a permission stops at once: every later call would be refused too.
 */
export async function addTeamMembers(
  membership: TeamMembership,
  teamGroupId: string,
  people: readonly TeamPerson[],
  options: { wait: (ms: number) => Promise<void>; paceMs?: number; guests?: GuestRule },
): Promise<MembershipReport> {
  const report: MembershipReport = { added: 0, already: 0, failed: [] };
  const unique = [...new Map(people.map((p) => [p.aadId.toLowerCase(), p])).values()];
  let members: Set<string>;
  try {
    members = new Set((await membership.listMemberIds(teamGroupId)).map((id) => id.toLowerCase()));
  } catch (error) {
    report.failed = unique.map((person) => toMembershipFailure(person, error, options.guests));
    return report;
  }
  let first = true;
  for (const [index, person] of unique.entries()) {
    if (members.has(person.aadId.toLowerCase())) {
      report.already += 1;
      continue;
    }
    if (!first) await options.wait(options.paceMs ?? MEMBER_ADD_PACE_MS);
    first = false;
    try {
      await membership.addMember(teamGroupId, person.aadId);
      members.add(person.aadId.toLowerCase());
      report.added += 1;
    } catch (error) {
      const failure = toMembershipFailure(person, error, options.guests);
      report.failed.push(failure);
      if (failure.reason === 'permission') {
        report.failed.push(
          ...unique
            .slice(index + 1)
            .filter((p) => !members.has(p.aadId.toLowerCase()))
            .map((p) => ({
              name: p.name,
              aadId: p.aadId,
              reason: failure.reason,
              detail: failure.detail,
              transient: failure.transient,
            })),
        );
        return report;
      }
    }
  }
  return report;
}

/**
 * Why someone could not be added. An account Graph does not know, of an organisation not on
 * Teams, is a guest to invite, not an error: the Lab team is told who and what to do.
 */
export function toMembershipFailure(
  person: TeamPerson,
  error: unknown,
  guests: GuestRule | undefined,
): MembershipFailure {
  if (error instanceof TeamMembershipError) {
    if (error.reason === 'not-found' && guests?.notOnTeams.has(person.organisationId) === true) {
      return {
        name: person.name,
        aadId: person.aadId,
        reason: 'guest',
        detail: error.message,
        transient: false,
        organisationId: person.organisationId,
      };
    }
    return {
      name: person.name,
      aadId: person.aadId,
      reason: error.reason,
      detail: error.permission ?? error.message,
      transient: error.transient,
    };
  }
  return {
    name: person.name,
    aadId: person.aadId,
    reason: 'error',
    detail: String(error),
    transient: false,
  };
}

/** The guest rule of a programme: its organisations marked `onTeams: false`. */
export function guestRuleOf(programme: {
  organisations: readonly { id: string; onTeams?: boolean }[];
}): GuestRule {
  return {
    notOnTeams: new Set(
      programme.organisations.filter((o) => o.onTeams === false).map((o) => o.id),
    ),
  };
}
