import { listLabTeam } from '../follow-up/team-context';
import type { Notice, NoticeRecipient, Notifier } from '../ports/notifier';
import type { ProgrammeStore } from '../ports/programme-store';
import type { ProgrammeTeamStore } from '../ports/programme-team-store';
import { getProgrammePhase } from '../programmes/get-programme-phase';
import type { Programme } from '../programmes/programme';
import { toLocalDay } from '../scheduling/local-days';
import type { Digest } from './digest';
import { getProgrammeDigest, type DigestDeps } from './get-programme-digest';

/** Notice kinds of the weekly digests; their data is `{ digest, inChannel? }`. */
export const DIGEST_NOTICE_KINDS = {
  lab: 'digest.lab',
  facilitator: 'digest.facilitator',
} as const;

/** What the weekly send reads and where it writes. */
export interface WeeklyDigestDeps extends DigestDeps {
  programmes: ProgrammeStore;
  teams: ProgrammeTeamStore;
  notifier: Notifier;
  /** The Lab team's channel (its conversation id); without it, each Lab member in personal chat. */
  labChannelId?: string;
  /** The Lab team of the bot's configuration, added to those each programme names. */
  labAdminIds: readonly string[];
}

/** What one weekly send did. */
export interface WeeklyDigestReport {
  programmes: number;
  /** Digests queued for the Lab team (one per programme in its channel, or one per member). */
  lab: number;
  facilitators: number;
  /** Recipients the bot has no way to reach (never installed the app, no shared team). */
  undeliverable: number;
}

/**
 * Queues the week's digests: for each programme under way (call open to follow-up), the Lab
 * team's digest in its channel or to each member; during the follow-up, each facilitator's digest
 * about their own teams. Keys name the week, so running it twice queues nothing new.
 */
export async function sendWeeklyDigests(
  deps: WeeklyDigestDeps,
  week: string,
): Promise<WeeklyDigestReport> {
  const report: WeeklyDigestReport = { programmes: 0, lab: 0, facilitators: 0, undeliverable: 0 };
  const today = toLocalDay(deps.clock.now(), 'Europe/Paris');
  const failures: unknown[] = [];
  const send = async (
    key: string,
    recipient: NoticeRecipient,
    notice: Notice,
  ): Promise<boolean> => {
    try {
      await deps.notifier.notify(key, recipient, notice);
      return true;
    } catch (error) {
      failures.push(error);
      report.undeliverable += 1;
      return false;
    }
  };

  for (const programme of await deps.programmes.list()) {
    const phase = getProgrammePhase(programme.milestones, today);
    if (phase === 'upcoming' || phase === 'ended') continue;
    report.programmes += 1;
    const digest = await getProgrammeDigest(deps, programme);
    // A channel card must not offer personal download links: everyone in the channel sees it.
    const notice = {
      kind: DIGEST_NOTICE_KINDS.lab,
      data: { digest, inChannel: deps.labChannelId !== undefined },
    };
    for (const { key, recipient } of labRecipients(deps, programme, week)) {
      if (await send(key, recipient, notice)) report.lab += 1;
    }
    if (phase !== 'follow-up') continue;
    for (const aadId of await listFacilitators(deps.teams, programme.id)) {
      const mine: Digest = await getProgrammeDigest(deps, programme, { facilitatorAadId: aadId });
      if (mine.sections.length === 0) continue;
      const sent = await send(
        `digest:${week}:${programme.id}/facilitator-${aadId.toLowerCase()}`,
        { kind: 'user', aadId },
        { kind: DIGEST_NOTICE_KINDS.facilitator, data: { digest: mine } },
      );
      if (sent) report.facilitators += 1;
    }
  }
  // Nothing reached anyone while something failed: the store or the notifier is down, so let the
  // scheduler try again rather than record the week as done.
  if (failures.length > 0 && report.lab + report.facilitators === 0) throw failures[0];
  return report;
}

function labRecipients(
  deps: WeeklyDigestDeps,
  programme: Programme,
  week: string,
): { key: string; recipient: NoticeRecipient }[] {
  if (deps.labChannelId !== undefined) {
    return [
      {
        key: `digest:${week}:${programme.id}/lab`,
        recipient: { kind: 'conversation', conversationId: deps.labChannelId },
      },
    ];
  }
  const members = listLabTeam({
    programme,
    extraLabTeam: deps.labAdminIds.map((aadId) => ({ aadId, name: '' })),
  });
  return members.map((member) => ({
    key: `digest:${week}:${programme.id}/lab-${member.aadId.toLowerCase()}`,
    recipient: { kind: 'user', aadId: member.aadId },
  }));
}

/** Everyone who follows a team of the programme, once each. */
async function listFacilitators(teams: ProgrammeTeamStore, programmeId: string): Promise<string[]> {
  const ids = new Map<string, string>();
  for (const team of await teams.listByProgramme(programmeId)) {
    for (const facilitator of team.facilitators) {
      ids.set(facilitator.aadId.toLowerCase(), facilitator.aadId);
    }
  }
  return [...ids.values()].sort();
}
