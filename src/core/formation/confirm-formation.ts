import type { ConversationRecord } from '../conversations/conversation';
import type { ChannelProvisioner, OwnChannelStore } from '../ports/channel-provisioner';
import type { ConversationStore } from '../ports/conversation-store';
import type { BulkNotice, BulkNotifier, Notifier } from '../ports/notifier';
import type { ProgrammeTeamStore } from '../ports/programme-team-store';
import type { TeamMembership } from '../ports/team-membership';
import type { ChannelMembership } from '../ports/channel-membership';
import {
  addTeamMembers,
  guestRuleOf,
  type MembershipReport,
} from '../team-spaces/add-team-members';
import {
  memberChannelsOf,
  syncChannelMembers,
  type ChannelMembershipReport,
} from '../team-spaces/sync-channel-members';
import type { ProgrammeTeam } from '../programmes/programme-team';
import type { MeetingSyncReport } from '../meetings/sync-meetings';
import type { Programme } from '../programmes/programme';
import {
  provisionTeamChannels,
  type ChannelOutcome,
  type ChannelRefusal,
} from '../team-channels/provision-team-channels';

/** What confirming did, team by team, for the organiser's summary card. */
export interface ConfirmationReport {
  mode: 'channels' | 'threads';
  outcomes: ChannelOutcome[];
  /** Graph refused channel work (missing consent): the teams without a channel got a thread. */
  refusal?: ChannelRefusal;
  teams: ProgrammeTeam[];
  /** Notices that could not be queued (nobody to reach them through). */
  undelivered: number;
  /** The participants and facilitators added to the programme's Teams team (with Graph). */
  membership?: MembershipReport;
  /** The participants and facilitators added to their team's private or shared channel. */
  channelMembership?: ChannelMembershipReport;
  /** The programme's meetings put on calendars, when it has some. */
  meetings?: MeetingSyncReport;
}

/** Why confirming could not start. */
export type ConfirmationRefusal =
  /** The programme names no Teams team (teamsTeamId): the bot will not guess one. */
  | 'no-programme-team'
  /** The programme's team is named but the bot is not installed in it (or was removed). */
  | 'no-team-installed';

/** What confirming needs besides the teams. */
export interface ConfirmationDeps {
  teams: ProgrammeTeamStore;
  conversations: ConversationStore;
  notifier: Notifier;
  /**
   * When given, the notices go out as one bulk send, followed by a progress card in the
   * organiser's conversation (`shownTo`) when there are many.
   */
  bulk?: { notifier: BulkNotifier; label: string; shownTo?: string };
  /** Absent without Graph credentials: teams then get a thread in the General channel. */
  provisioner: ChannelProvisioner | undefined;
  /** The channels the bot created for each programme: the only ones it reuses. */
  ownChannels: OwnChannelStore;
  /** Adds people to the programme's Teams team; absent without Graph credentials. */
  membership?: TeamMembership | undefined;
  /** Adds people to their team's private or shared channel; absent without Graph credentials. */
  channelMembership?: ChannelMembership | undefined;
  wait: (ms: number) => Promise<void>;
  now: Date;
}

/**
 * Records the confirmed teams, gives each a place in Teams (its own channel through Graph, or a
 * thread in the programme team's General channel) and queues the welcome post in it and a
 * personal card to each member and facilitator, after adding them all to the programme's Teams
 * team (with Graph). Safe to run again: channels are reused, only people not yet in the team are
 * added, and every notice has an idempotency key, so nothing is created or sent twice.
 */
export async function confirmFormation(
  programme: Programme,
  teams: ProgrammeTeam[],
  deps: ConfirmationDeps,
  options: { dryRun: boolean },
): Promise<{ ok: true; report: ConfirmationReport } | { ok: false; refusal: ConfirmationRefusal }> {
  if (programme.teamsTeamId === undefined) return { ok: false, refusal: 'no-programme-team' };
  const general = await findProgrammeTeamChannel(deps.conversations, programme.teamsTeamId);
  const useChannels = deps.provisioner !== undefined && programme.teamsGroupId !== undefined;
  if (general === undefined && (!useChannels || !options.dryRun)) {
    return { ok: false, refusal: 'no-team-installed' };
  }
  const report0: { membership?: MembershipReport } = {};
  if (!options.dryRun && deps.membership !== undefined && programme.teamsGroupId !== undefined) {
    // Members of the programme's team see their team's (standard) channel; a private channel
    // takes (and is owned by) members of the team only, so they join before channels are made.
    report0.membership = await addTeamMembers(
      deps.membership,
      programme.teamsGroupId,
      teams.flatMap((team) => [...team.members, ...team.facilitators]),
      { wait: deps.wait, guests: guestRuleOf(programme) },
    );
  }
  const notInTeam = new Set(report0.membership?.failed.map((f) => f.aadId.toLowerCase()) ?? []);
  let outcomes: ChannelOutcome[];
  let refusal: ChannelRefusal | undefined;
  if (useChannels) {
    ({ outcomes, refusal } = await provisionTeamChannels(
      deps.provisioner!,
      programme.teamsGroupId!,
      teams.map((team) => ({
        teamKey: team.id,
        displayName: team.name,
        description: `${programme.name} — ${team.name}`,
        ...channelKindOf(programme, team, notInTeam),
      })),
      {
        dryRun: options.dryRun,
        wait: deps.wait,
        own: {
          channels: await deps.ownChannels.list(programme.id),
          record: (channel) => deps.ownChannels.record(programme.id, channel, deps.now),
        },
      },
    ));
  } else {
    outcomes = teams.map((team) => ({
      teamKey: team.id,
      displayName: team.name,
      status: 'would-create',
    }));
  }
  const report: ConfirmationReport = {
    mode: useChannels ? 'channels' : 'threads',
    outcomes,
    teams,
    undelivered: 0,
    ...(refusal === undefined ? {} : { refusal }),
  };
  if (options.dryRun || general === undefined) return { ok: true, report };

  const placed = teams.map((team, index): ProgrammeTeam => {
    const outcome = outcomes[index];
    if (outcome !== undefined && (outcome.status === 'created' || outcome.status === 'reused')) {
      const workspace: ProgrammeTeam['workspace'] = {
        kind: 'channel',
        conversationId: outcome.channel.id,
      };
      if (outcome.channel.webUrl !== undefined) workspace.webUrl = outcome.channel.webUrl;
      const type = outcome.channel.membershipType;
      if (type === 'private' || type === 'shared') workspace.membershipType = type;
      return { ...team, workspace };
    }
    // No channel (no Graph, no consent, or its creation failed for good): a thread in General.
    return { ...team, workspace: { kind: 'thread', conversationId: general.conversationId } };
  });
  for (const team of placed) {
    if (team.workspace?.kind === 'channel') {
      // The new channel is a conversation the bot can post to: same service URL and tenant as General.
      await deps.conversations.upsert(
        channelRecord(general, team.workspace.conversationId, deps.now),
      );
    }
  }
  await deps.teams.replaceAll(programme.id, placed);
  if (report0.membership !== undefined) report.membership = report0.membership;
  const channels = memberChannelsOf(placed);
  if (
    deps.channelMembership !== undefined &&
    programme.teamsGroupId !== undefined &&
    channels.length > 0
  ) {
    // A private or shared channel shows only to its members: each team's people are added.
    report.channelMembership = await syncChannelMembers(
      deps.channelMembership,
      programme.teamsGroupId,
      channels,
      placed.flatMap((team) => [...team.members, ...team.facilitators]),
      { wait: deps.wait, guests: guestRuleOf(programme) },
    );
  }

  const notices: BulkNotice[] = placed.flatMap((team) => {
    const conversationId = team.workspace!.conversationId;
    return [
      {
        idempotencyKey: `formation:${programme.id}:${team.id}:welcome:${conversationId}`,
        recipient: { kind: 'conversation' as const, conversationId },
        notice: { kind: 'formation.welcome', data: welcomeData(programme, team) },
      },
      ...[...team.members, ...team.facilitators].map((person) => ({
        idempotencyKey: `formation:${programme.id}:${team.id}:member:${person.aadId}`,
        recipient: { kind: 'user' as const, aadId: person.aadId },
        notice: {
          kind: 'formation.member',
          data: { ...welcomeData(programme, team), aadId: person.aadId },
        },
      })),
    ];
  });
  if (deps.bulk !== undefined) {
    // One batch per programme: confirming again queues nothing new and reuses the progress card.
    const { undelivered } = await deps.bulk.notifier.notifyBulk(
      {
        id: `formation:${programme.id}`,
        label: deps.bulk.label,
        ...(deps.bulk.shownTo === undefined ? {} : { shownTo: deps.bulk.shownTo }),
      },
      notices,
    );
    report.undelivered = undelivered;
  } else {
    const results = await Promise.allSettled(
      notices.map((n) => deps.notifier.notify(n.idempotencyKey, n.recipient, n.notice)),
    );
    report.undelivered = results.filter((result) => result.status === 'rejected').length;
  }
  report.teams = placed;
  return { ok: true, report };
}

/**
 * The kind of channel the programme file asks for. A private or shared one needs an owner when
 * an app creates it: the team's first facilitator who is in the programme's Teams team, else its
 * lead, else another member (`notInTeam`: those who could not be added, a guest for one).
 */
function channelKindOf(
  programme: Programme,
  team: ProgrammeTeam,
  notInTeam: ReadonlySet<string>,
): { kind?: { membershipType: 'private' | 'shared'; ownerAadId: string } } {
  const type = programme.teamsChannelType;
  if (type !== 'private' && type !== 'shared') return {};
  const lead = team.members.filter((m) => m.aadId === team.leadAadId);
  const candidates = [...team.facilitators, ...lead, ...team.members].map((p) => p.aadId);
  const owner =
    candidates.find((id) => id !== '' && !notInTeam.has(id.toLowerCase())) ?? candidates[0];
  return owner === undefined ? {} : { kind: { membershipType: type, ownerAadId: owner } };
}

/**
 * The General channel of the programme's own Teams team, where the bot is installed: never
 * another team's, whose members would read the programme's teams and names.
 */
async function findProgrammeTeamChannel(
  conversations: ConversationStore,
  teamsTeamId: string,
): Promise<ConversationRecord | undefined> {
  // Teams gives the General channel the team's own id.
  return (await conversations.listActive()).find(
    (c) =>
      c.scope === 'channel' &&
      c.teamId === teamsTeamId &&
      (c.channelId === c.teamId || c.conversationId === c.teamId),
  );
}

function channelRecord(
  general: ConversationRecord,
  channelId: string,
  now: Date,
): ConversationRecord {
  return {
    ...general,
    conversationId: channelId,
    channelId,
    installedAt: now,
    updatedAt: now,
    uninstalledAt: null,
  };
}

/** What the welcome post and the members' cards say of a team. */
export function welcomeData(programme: Programme, team: ProgrammeTeam): Record<string, unknown> {
  const organisationName = new Map(programme.organisations.map((o) => [o.id, o.name]));
  return {
    programme: programme.name,
    team: team.name,
    members: team.members.map((m) => ({
      name: m.name,
      organisation: organisationName.get(m.organisationId) ?? m.organisationId,
    })),
    lead: team.members.find((m) => m.aadId === team.leadAadId)?.name ?? '',
    // With their organisation: a team can see it never gets one of its own organisation's.
    facilitators: team.facilitators.map((f) => ({
      name: f.name,
      organisation: organisationName.get(f.organisationId) ?? f.organisationId,
    })),
    url: team.workspace?.webUrl ?? '',
    milestones: programme.milestones,
  };
}
