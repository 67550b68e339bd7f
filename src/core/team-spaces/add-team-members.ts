import { TeamMembershipError, type TeamMembership } from '../ports/team-membership';
import type { TeamPerson } from '../programmes/programme-team';

/**
 * Graph asks to stagger member additions by about two seconds ("Add member to team"); the bot
 * adds people one by one, so a programme of 40 people takes a minute and a half.
 */
export const MEMBER_ADD_PACE_MS = 2_000;

/** Someone who could not be added, and why (the permission refused, unknown person, other error). */
export interface MembershipFailure {
  name: string;
  /** Their Entra id, so a passing failure can be tried again (MembershipCatchUp). */
  aadId: string;
  reason: 'permission' | 'not-found' | 'error';
  detail: string;
  /** Graph throttled or was unavailable: another try later may succeed. Else final. */
  transient: boolean;
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
  options: { wait: (ms: number) => Promise<void>; paceMs?: number },
): Promise<MembershipReport> {
  const report: MembershipReport = { added: 0, already: 0, failed: [] };
  const unique = [...new Map(people.map((p) => [p.aadId.toLowerCase(), p])).values()];
  let members: Set<string>;
  try {
    members = new Set((await membership.listMemberIds(teamGroupId)).map((id) => id.toLowerCase()));
  } catch (error) {
    report.failed = unique.map((person) => toFailure(person, error));
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
      const failure = toFailure(person, error);
      report.failed.push(failure);
      if (failure.reason === 'permission') {
        report.failed.push(
          ...unique
            .slice(index + 1)
            .filter((p) => !members.has(p.aadId.toLowerCase()))
            .map((p) => ({ ...failure, name: p.name, aadId: p.aadId })),
        );
        return report;
      }
    }
  }
  return report;
}

function toFailure(person: TeamPerson, error: unknown): MembershipFailure {
  if (error instanceof TeamMembershipError) {
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
