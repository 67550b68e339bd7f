import { SqlReachLog, deriveReachLogKey } from '../../adapters/sql/sql-reach-log';
import { z } from 'zod';
import type { Digest } from '../../core/digests/digest';
import { getProgrammeDigest } from '../../core/digests/get-programme-digest';
import { getProgrammePhase } from '../../core/programmes/get-programme-phase';
import type { Programme } from '../../core/programmes/programme';
import { toLocalDay } from '../../core/scheduling/local-days';
import { optionalCardId } from '../../adapters/teams/verbs/card-data';
import { ALL_SCOPES, defineCardVerb, PERSONAL_ONLY } from '../../adapters/teams/verbs/card-verb';
import { Guards } from '../../adapters/teams/verbs/guard';
import { defineTextCommand } from '../../adapters/teams/verbs/text-command';
import type { Turn } from '../../adapters/teams/verbs/turn';
import { buildCard, buildMessageCard } from '../../adapters/teams/cards/card-kit';
import { SqlDigestSource } from '../../adapters/sql/sql-digest-source';
import { SqlLabSessionStore } from '../../adapters/sql/sql-lab-session-store';
import { summariseSessions } from '../../core/lab-sessions/summarise-sessions';
import { SqlFollowUpAnswers } from '../../adapters/sql/sql-follow-up-answers';
import { createReviewExportRoute } from '../../adapters/export/create-review-export-route';
import { createReviewExporter } from '../../adapters/export/create-review-exporter';
import { createLabChannelResolver } from '../../adapters/teams/create-lab-channel-resolver';
import { createDigestJob } from '../../jobs/create-digest-job';
import { SqlReachSource } from '../../adapters/sql/sql-reach-source';
import type { FeatureModule } from '../feature-module';
import { isLabMember, type Platform } from '../platform';
import { createDigestRenderers } from './digest-notices';
import { buildDigestCard } from './build-digest-card';
import type { AdaptiveCardJson } from '../../adapters/teams/cards/render-card';
import { DigestVerbs } from './digest-verbs';
import { buildProgrammeChoiceCard, pickProgramme } from '../programme-choice';

/** "digest", "tableau de bord" or "dashboard", optionally followed by a programme's id or name. */
export const DIGEST_COMMAND = /^\s*(?:digest|tableau de bord|dashboard)(?:\s+(.+?))?\s*$/i;

/** Words that ask for every programme rather than one. */
const ALL_PROGRAMMES = new Set(['tous', 'toutes', 'all', 'tout']);

const PROGRAMME_DATA = z.object({ programmeId: optionalCardId }).passthrough();
/** The refresh button; the weekly digest's says so, and the card keeps its e-mail lines. */
const REFRESH_DATA = PROGRAMME_DATA.extend({ weekly: z.boolean().optional() });
type ProgrammeData = z.infer<typeof REFRESH_DATA>;

/**
 * "tableau de bord": the Lab team's digest of the programme under way, asking which one when
 * several are ("tableau de bord tous": one card each); a facilitator who asks gets the digest of
 * their own teams, asking likewise when they follow teams in several programmes. Refresh and export are
 * card actions; the weekly digest goes out on its own (Lab channel or each Lab member, and each
 * facilitator), and the review export is a signed download.
 */
export function createDigestModule(
  platform: Pick<
    Platform,
    | 'database'
    | 'clock'
    | 'programmes'
    | 'teams'
    | 'conversations'
    | 'notifier'
    | 'candidacyCore'
    | 'publicUrl'
    | 'logger'
    | 'config'
    | 'labTeamIds'
    | 'programmeChoices'
  >,
): FeatureModule {
  const { clock, programmes, teams, logger, config } = platform;
  const source = new SqlDigestSource(platform.database.db);
  const sessionStore = new SqlLabSessionStore(platform.database.db);
  // The Lab team's digest counts the Lab session requests too.
  const sessions = {
    summarise: () =>
      summariseSessions({
        sessions: sessionStore,
        clock,
        capacityDays: platform.config.labSessionCapacityDays,
      }),
  };
  const reach = new SqlReachLog(platform.database.db, deriveReachLogKey(config.exportSigningKey));
  const deps = { source, clock, sessions, audit: platform.candidacyCore.audit, reach };
  // The weekly digest also says who got the bot's messages by e-mail, or by no route, and why; the
  // dashboard a Lab member opens leaves it out, to stay within its statements per turn.
  const emailReach = new SqlReachSource(platform.database.db);
  const exportReviews = createReviewExporter({
    core: platform.candidacyCore,
    publicUrl: platform.publicUrl,
    signingKey: config.exportSigningKey,
  });

  const card = (turn: Turn, digest: Digest): AdaptiveCardJson =>
    buildDigestCard(turn.card, digest, { exportReviews: true });
  const note = (turn: Turn, key: 'digest.forbidden' | 'digest.noProgramme'): AdaptiveCardJson =>
    buildMessageCard(turn.card.t(key));

  /** Programmes the person facilitates teams of, when they are not in the Lab team. */
  const facilitated = async (aadId: string): Promise<Programme[]> => {
    const id = aadId.toLowerCase();
    const programmeIds = new Set(
      (await teams.listForPerson(aadId))
        .filter((team) => team.facilitators.some((f) => f.aadId.toLowerCase() === id))
        .map((team) => team.programmeId),
    );
    return (await programmes.list()).filter((p) => programmeIds.has(p.id));
  };

  /**
   * The digests a person may see for a programme: the Lab team's, or a facilitator's own. The
   * weekly one (refreshed from its card) adds who got the week's messages by e-mail or not at all.
   */
  const digestFor = async (
    turn: Turn,
    programme: Programme,
    weekly = false,
  ): Promise<Digest | undefined> => {
    const { aadId } = turn.sender;
    if (turn.sender.isLab) {
      return getProgrammeDigest(weekly ? { ...deps, emailReach } : deps, programme);
    }
    if ((await facilitated(aadId)).some((p) => p.id === programme.id)) {
      return getProgrammeDigest(deps, programme, { facilitatorAadId: aadId });
    }
    return undefined;
  };

  const choice = (turn: Turn) => ({
    choices: platform.programmeChoices,
    aadId: turn.sender.aadId,
    subject: 'digest',
  });

  /** The digest of the programme a card names (a choice is remembered once it is allowed). */
  const refresh = async (turn: Turn, data: ProgrammeData): Promise<AdaptiveCardJson> => {
    const programme =
      data.programmeId === undefined ? undefined : await programmes.get(data.programmeId);
    if (programme === undefined) return note(turn, 'digest.noProgramme');
    const digest = await digestFor(turn, programme, data.weekly === true);
    if (digest === undefined) return note(turn, 'digest.forbidden');
    // A programme chosen on the question card (or refreshed) is the one "tableau de bord" means next.
    platform.programmeChoices.remember(turn.sender.aadId, 'digest', programme.id);
    return card(turn, digest);
  };

  const exportLink = async (turn: Turn, data: ProgrammeData): Promise<AdaptiveCardJson> => {
    const { t } = turn.card;
    const programme =
      data.programmeId === undefined ? undefined : await programmes.get(data.programmeId);
    if (programme === undefined) return note(turn, 'digest.noProgramme');
    const url = await exportReviews(programme, turn.sender.aadId);
    logger.info({ programmeId: programme.id }, 'review export link issued');
    return buildCard({
      title: t('digest.export.title', { programme: programme.name }),
      lines: [t('digest.export.ready')],
      actions: [{ kind: 'url', title: t('digest.export.download'), url }],
    });
  };

  const readers = {
    guard: Guards.labOrFacilitator,
    forbidden: 'digest.forbidden',
    scopes: ALL_SCOPES,
  } as const;
  return {
    name: 'digests',
    verbs: [
      defineCardVerb({ verb: DigestVerbs.show, data: PROGRAMME_DATA, ...readers, handle: refresh }),
      defineCardVerb({
        verb: DigestVerbs.refresh,
        data: REFRESH_DATA,
        ...readers,
        handle: refresh,
      }),
      // Whoever holds the link can download once: it is only ever shown in the admin's own chat.
      defineCardVerb({
        verb: DigestVerbs.export,
        data: PROGRAMME_DATA,
        guard: Guards.lab,
        forbidden: 'digest.forbidden',
        scopes: PERSONAL_ONLY,
        outOfScope: 'digest.export.personalOnly',
        handle: exportLink,
      }),
    ],
    commands: [
      defineTextCommand({
        id: 'digest.show',
        pattern: DIGEST_COMMAND,
        examples: { fr: 'tableau de bord', en: 'dashboard' },
        ...readers,
        handle: async (turn, match) => {
          const { t } = turn.card;
          const argument = (match[1] ?? '').trim();
          let relevant: Programme[];
          let named: Programme | undefined;
          if (turn.sender.isLab) {
            const all = await programmes.list();
            if (argument !== '' && !ALL_PROGRAMMES.has(normalise(argument))) {
              const wanted = findProgramme(all, argument);
              if (wanted === undefined) {
                await turn.send(
                  buildMessageCard(t('digest.unknownProgramme', { programme: argument })),
                );
                return;
              }
              named = wanted;
              relevant = [wanted];
            } else {
              relevant = listUnderWay(all, toLocalDay(clock.now(), 'Europe/Paris'));
            }
          } else {
            relevant = await facilitated(turn.sender.aadId);
            if (relevant.length === 0) {
              await turn.send(note(turn, 'digest.forbidden'));
              return;
            }
          }
          if (relevant.length === 0) {
            await turn.send(note(turn, 'digest.noProgramme'));
            return;
          }
          // "tableau de bord tous": one card per programme under way, as asked.
          if (ALL_PROGRAMMES.has(normalise(argument))) {
            for (const programme of relevant) {
              const digest = await digestFor(turn, programme);
              if (digest !== undefined) await turn.send(card(turn, digest));
            }
            return;
          }
          const pick = pickProgramme({
            ...choice(turn),
            named,
            relevant,
            fallback: undefined,
          });
          if (pick.kind === 'ask') {
            await turn.send(buildProgrammeChoiceCard(turn.card, pick.programmes, DigestVerbs.show));
            return;
          }
          if (pick.kind === 'none') {
            await turn.send(note(turn, 'digest.noProgramme'));
            return;
          }
          const digest = await digestFor(turn, pick.programme);
          await turn.send(
            digest === undefined ? note(turn, 'digest.forbidden') : card(turn, digest),
          );
        },
      }),
    ],
    notices: createDigestRenderers({ exportReviews: true }),
    scheduledJobs: [
      // The Lab team's weekly digest, and each facilitator's, Monday 09:00 Paris unless configured.
      createDigestJob({
        source,
        clock,
        sessions,
        audit: platform.candidacyCore.audit,
        reach,
        emailReach,
        programmes,
        teams,
        notifier: platform.notifier,
        resolveLabChannel: createLabChannelResolver({
          conversations: platform.conversations,
          channelId: config.labChannelId,
          clock,
          logger,
        }),
        labAdminIds: config.labAdminIds,
        schedule: config.digestSchedule,
        logger,
      }),
    ],
    routes: [
      // Check-ins and review outcomes for the review meetings, behind the same signed links.
      createReviewExportRoute({
        core: platform.candidacyCore,
        programmes,
        teams,
        answers: new SqlFollowUpAnswers(platform.database.db),
        conversations: platform.conversations,
        signingKey: config.exportSigningKey,
        logger,
        mayDownload: (aadId) => isLabMember(platform, aadId),
      }),
    ],
  };
}

/** Programmes from the call's opening to the end of the follow-up, most recent call first. */
function listUnderWay(programmes: readonly Programme[], today: string): Programme[] {
  return programmes.filter((p) => {
    const phase = getProgrammePhase(p.milestones, today);
    return phase !== 'upcoming' && phase !== 'ended';
  });
}

/** A programme by id, or by name (case and accents ignored), exact first, then partial. */
function findProgramme(programmes: readonly Programme[], wanted: string): Programme | undefined {
  const key = normalise(wanted);
  return (
    programmes.find((p) => normalise(p.id) === key || normalise(p.name) === key) ??
    programmes.find((p) => normalise(p.name).includes(key) || normalise(p.id).includes(key))
  );
}

function normalise(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}
