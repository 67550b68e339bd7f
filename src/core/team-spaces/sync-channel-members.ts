import type { ChannelMember, ChannelMembership } from '../ports/channel-membership';
import type { ProgrammeTeam, TeamPerson } from '../programmes/programme-team';
import {
  MEMBER_ADD_PACE_MS,
  toMembershipFailure,
  type GuestRule,
  type MembershipFailure,
} from './add-team-members';

/** Someone who could not be added to, or removed from, their team's channel. */
export interface ChannelMembershipFailure extends MembershipFailure {
  /** The team whose channel it is. */
  team: string;
  action: 'add' | 'remove';
}

/** What bringing the private and shared channels to their teams did. */
export interface ChannelMembershipReport {
  /** The private or shared channels looked at. */
  channels: number;
  added: number;
  already: number;
  removed: number;
  failed: ChannelMembershipFailure[];
}

/** A team's private or shared channel and who belongs in it. */
export interface MemberChannel {
  team: string;
  channelId: string;
  wanted: readonly TeamPerson[];
}

/**
 * The private and shared channels of formed teams, each with the team's participants and
 * facilitators. Standard channels need nothing: every member of the Teams team sees them.
 */
export function memberChannelsOf(teams: readonly ProgrammeTeam[]): MemberChannel[] {
  return teams.flatMap((team) =>
    team.workspace?.kind === 'channel' && team.workspace.membershipType !== undefined
      ? [
          {
            team: team.name,
            channelId: team.workspace.conversationId,
            wanted: [...team.members, ...team.facilitators],
          },
        ]
      : [],
  );
}

/**
 * Brings each private or shared channel to its team: adds the team's people who are not in it
 * yet, and removes the programme's people who no longer belong (someone who moved to another
 * team, the people of a dissolved team). Only the programme's people are ever removed: an owner
 * or a Lab colleague someone added by hand stays. Reads each channel's members first, so running
 * it again adds and removes nobody twice. Writes are paced like the team's; a refusal for want of
 * a permission stops at once, every later call would be refused too.
 */
export async function syncChannelMembers(
  membership: ChannelMembership,
  teamGroupId: string,
  channels: readonly MemberChannel[],
  programmePeople: readonly TeamPerson[],
  options: { wait: (ms: number) => Promise<void>; paceMs?: number; guests?: GuestRule },
): Promise<ChannelMembershipReport> {
  const report: ChannelMembershipReport = {
    channels: channels.length,
    added: 0,
    already: 0,
    removed: 0,
    failed: [],
  };
  const pace = options.paceMs ?? MEMBER_ADD_PACE_MS;
  let writes = 0;
  const beforeWrite = async (): Promise<void> => {
    if (writes > 0) await options.wait(pace);
    writes += 1;
  };
  const people = new Map<string, TeamPerson>();
  for (const person of programmePeople) people.set(person.aadId.toLowerCase(), person);

  for (const [index, channel] of channels.entries()) {
    const wanted = new Map<string, TeamPerson>();
    for (const person of channel.wanted) wanted.set(person.aadId.toLowerCase(), person);
    const fail = (person: TeamPerson, error: unknown, action: 'add' | 'remove') => {
      const failure = {
        ...toMembershipFailure(person, error, options.guests),
        team: channel.team,
        action,
      };
      report.failed.push(failure);
      return failure;
    };
    /** A refusal for want of a permission: everyone left in this channel and the next ones. */
    const refuseRest = (failure: ChannelMembershipFailure, left: readonly TeamPerson[]): void => {
      const later = channels.slice(index + 1).flatMap((c) =>
        [...new Map(c.wanted.map((p) => [p.aadId.toLowerCase(), p])).values()].map((p) => ({
          name: p.name,
          aadId: p.aadId,
          team: c.team,
        })),
      );
      report.failed.push(
        ...[
          ...left.map((p) => ({ name: p.name, aadId: p.aadId, team: channel.team })),
          ...later,
        ].map((p) => ({
          name: p.name,
          aadId: p.aadId,
          reason: failure.reason,
          detail: failure.detail,
          transient: failure.transient,
          team: p.team,
          action: 'add' as const,
        })),
      );
    };

    let members: ChannelMember[];
    try {
      members = await membership.listMembers(teamGroupId, channel.channelId);
    } catch (error) {
      const failures = [...wanted.values()].map((person) => fail(person, error, 'add'));
      const refused = failures.find((f) => f.reason === 'permission');
      if (refused !== undefined) {
        refuseRest(refused, []);
        return report;
      }
      continue;
    }
    const present = new Map(members.map((m) => [m.userId.toLowerCase(), m]));
    const toAdd = [...wanted.values()];
    for (const [at, person] of toAdd.entries()) {
      if (present.has(person.aadId.toLowerCase())) {
        report.already += 1;
        continue;
      }
      await beforeWrite();
      try {
        await membership.addMember(teamGroupId, channel.channelId, person.aadId);
        report.added += 1;
      } catch (error) {
        const failure = fail(person, error, 'add');
        if (failure.reason === 'permission') {
          refuseRest(
            failure,
            toAdd.slice(at + 1).filter((p) => !present.has(p.aadId.toLowerCase())),
          );
          return report;
        }
      }
    }
    for (const member of members) {
      const key = member.userId.toLowerCase();
      const person = people.get(key);
      if (person === undefined || wanted.has(key)) continue;
      await beforeWrite();
      try {
        await membership.removeMember(teamGroupId, channel.channelId, member.membershipId);
        report.removed += 1;
      } catch (error) {
        if (fail(person, error, 'remove').reason === 'permission') return report;
      }
    }
  }
  return report;
}
