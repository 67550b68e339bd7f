import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../adapters/sql/schema';
import { SqlAuditLog } from '../../adapters/sql/sql-audit-log';
import { SqlExportTokenStore } from '../../adapters/sql/sql-export-token-store';
import type { Clock } from '../../core/ports/clock';
import type { IdSource } from '../../core/ports/id-source';
import { createMyDataRoute, signMyDataLink } from '../../adapters/export/create-my-data-route';
import { SqlPersonalDataStore } from '../../adapters/sql/sql-personal-data-store';
import { ALL_SCOPES, defineCardVerb, PERSONAL_ONLY } from '../../adapters/teams/verbs/card-verb';
import { cardId } from '../../adapters/teams/verbs/card-data';
import { SqlErasureRequestStore } from '../../adapters/sql/sql-erasure-request-store';
import { createLoggingNotifier } from '../../adapters/teams/notices/create-logging-notifier';
import { decideErasureRequest } from '../../core/personal-data/decide-erasure-request';
import { requestErasure, type ErasureDeps } from '../../core/personal-data/request-erasure';
import { Guards } from '../../adapters/teams/verbs/guard';
import { defineTextCommand } from '../../adapters/teams/verbs/text-command';
import type { Turn } from '../../adapters/teams/verbs/turn';
import type { AdaptiveCardJson } from '../../adapters/teams/cards/render-card';
import { createMyDataLink } from '../../core/personal-data/create-my-data-link';
import { describeMyData } from '../../core/personal-data/describe-my-data';
import type { PersonalDataDeps } from '../../core/personal-data/personal-data-deps';
import { toPseudonym } from '../../core/personal-data/to-pseudonym';
import { toOccurrenceKey } from '../../core/jobs/occurrence';
import { RETENTION_DEFAULTS } from '../../core/personal-data/personal-data-register';
import { addDays, toLocalDay } from '../../core/scheduling/local-days';
import { toUtcInstant } from '../../core/scheduling/to-utc-instant';
import type { ScheduledJobDefinition } from '../../jobs/create-scheduled-job';
import { runRetention } from '../../core/personal-data/run-retention';
import type { ProgrammeStore } from '../../core/ports/programme-store';
import type { Logger } from '../../logger';
import type { FeatureModule } from '../feature-module';
import type { Platform } from '../platform';
import { formatExpiry } from '../selection/selection-cards';
import {
  buildConfirmErasureCard,
  buildDecisionCard,
  buildErasedCard,
  buildErasurePendingCard,
  createPersonalDataRenderers,
  buildMyDataCard,
  buildMyDataLinkCard,
} from './personal-data-cards';
import { PersonalDataVerbs } from './personal-data-verbs';

/** These cards carry no data: whose data it is comes from the authenticated sender alone. */
const NO_DATA = z.object({}).passthrough();
/** The erase button says it was confirmed; anything else is refused before any write. */
const ERASE_DATA = z.object({ confirm: z.literal('yes') }).passthrough();
/** A Lab member's decision on a stored request; the request, not the card, says whose data. */
const DECISION_DATA = z
  .object({ requestId: cardId, decision: z.enum(['erase', 'defer']) })
  .passthrough();

/** The use cases' dependencies on a database: one place, for the module and the command line. */
export function createPersonalDataDeps(
  db: Kysely<Database>,
  options: { signingKey: string; clock: Clock; ids: IdSource },
): PersonalDataDeps {
  return {
    store: new SqlPersonalDataStore(db),
    exportTokens: new SqlExportTokenStore(db),
    audit: new SqlAuditLog(db),
    clock: options.clock,
    ids: options.ids,
    // Keyed, so nobody can find whose pseudonym it is by hashing known ids.
    pseudonymOf: (aadId) =>
      toPseudonym(
        createHmac('sha256', `pseudonym:${options.signingKey}`)
          .update(aadId.toLowerCase())
          .digest('hex'),
      ),
  };
}

/**
 * Everyone's rights over their data, in their personal chat: "mes données" / "my data" (what the
 * bot holds, by category, with a single-use link to a ZIP of it) and "effacer mes données" /
 * "erase my data" (after a confirmation). Each acts on the sender's own data only.
 */
export function createPersonalDataModule(
  platform: Pick<
    Platform,
    | 'database'
    | 'candidacyCore'
    | 'config'
    | 'publicUrl'
    | 'conversations'
    | 'logger'
    | 'programmes'
  >,
): FeatureModule {
  const deps = createPersonalDataDeps(platform.database.db, {
    signingKey: platform.config.exportSigningKey,
    clock: platform.candidacyCore.clock,
    ids: platform.candidacyCore.ids,
  });
  const personal = { guard: Guards.staff, scopes: PERSONAL_ONLY } as const;

  const show = async (turn: Turn): Promise<AdaptiveCardJson> => {
    const lines = await describeMyData(deps, { aadId: turn.sender.aadId });
    // The notice of the most recent programme that has one (the list is most recent first).
    const notice = (await platform.programmes.list())
      .map((programme) => programme.privacyNoticeUrl)
      .find((url): url is string => url !== undefined && url.startsWith('https://'));
    return buildMyDataCard(turn.card, lines, notice);
  };

  const link = async (turn: Turn): Promise<AdaptiveCardJson> => {
    const token = await createMyDataLink(deps, { aadId: turn.sender.aadId });
    const url = signMyDataLink(
      platform.publicUrl(),
      { tokenId: token.id, adminAadId: token.adminAadId, expiresAt: token.expiresAt },
      platform.config.exportSigningKey,
    );
    return buildMyDataLinkCard(turn.card, { url, until: formatExpiry(turn.card, token.expiresAt) });
  };

  const erasure: ErasureDeps = {
    ...deps,
    requests: new SqlErasureRequestStore(platform.database.db),
    programmes: platform.programmes,
    // A Lab member or a person the bot cannot reach is logged, and the request still stands.
    notifier: createLoggingNotifier(platform.candidacyCore.notifier, platform.logger),
    labTeam: platform.candidacyCore.labTeam,
  };

  const erase = async (turn: Turn): Promise<AdaptiveCardJson> => {
    const answer = await requestErasure(erasure, {
      aadId: turn.sender.aadId,
      today: toLocalDay(deps.clock.now(), PURGE_TIMEZONE),
    });
    if (answer.kind === 'erased') return buildErasedCard(turn.card, answer.pseudonymName);
    return buildErasurePendingCard(turn.card, {
      programmes: answer.programmeNames,
      eraseAfter: answer.request.eraseAfter,
    });
  };

  const decide = async (
    turn: Turn,
    data: z.infer<typeof DECISION_DATA>,
  ): Promise<AdaptiveCardJson> => {
    const outcome = await decideErasureRequest(erasure, {
      actor: { aadId: turn.sender.aadId, roles: await turn.sender.roles() },
      requestId: data.requestId,
      decision: data.decision,
    });
    return buildDecisionCard(turn.card, outcome);
  };

  return {
    name: 'personal-data',
    verbs: [
      defineCardVerb({ verb: PersonalDataVerbs.show, data: NO_DATA, ...personal, handle: show }),
      defineCardVerb({ verb: PersonalDataVerbs.link, data: NO_DATA, ...personal, handle: link }),
      defineCardVerb({
        verb: PersonalDataVerbs.askErase,
        data: NO_DATA,
        ...personal,
        handle: (turn) => Promise.resolve(buildConfirmErasureCard(turn.card)),
      }),
      defineCardVerb({
        verb: PersonalDataVerbs.erase,
        data: ERASE_DATA,
        ...personal,
        handle: erase,
      }),
      // The Lab team decides from its channel or its personal chat.
      defineCardVerb({
        verb: PersonalDataVerbs.decide,
        data: DECISION_DATA,
        guard: Guards.lab,
        scopes: ALL_SCOPES,
        handle: decide,
      }),
    ],
    commands: [
      defineTextCommand({
        id: 'personalData.show',
        pattern: /^\s*(mes donn[ée]es|my data)\s*$/i,
        examples: { fr: 'mes données', en: 'my data' },
        ...personal,
        handle: async (turn) => turn.send(await show(turn)),
      }),
      defineTextCommand({
        id: 'personalData.erase',
        pattern: /^\s*(effacer mes donn[ée]es|erase my data)\s*$/i,
        examples: { fr: 'effacer mes données', en: 'erase my data' },
        ...personal,
        handle: (turn) => turn.send(buildConfirmErasureCard(turn.card)),
      }),
    ],
    notices: createPersonalDataRenderers(),
    scheduledJobs: [createRetentionJob(erasure, platform.programmes, platform.logger)],
    routes: [
      createMyDataRoute({
        core: deps,
        conversations: platform.conversations,
        signingKey: platform.config.exportSigningKey,
        logger: platform.logger,
      }),
    ],
  };
}

/** The retention job's zone and hour: at night, Paris time, away from the morning sends. */
const PURGE_TIMEZONE = 'Europe/Paris';
const PURGE_TIME = '03:30';

/**
 * The daily retention purge: one occurrence a day, claimed like the other jobs; missed while
 * the bot was down, it runs later the same day. It logs counts only, never whose data.
 */
export function createRetentionJob(
  deps: Parameters<typeof runRetention>[0],
  programmes: Pick<ProgrammeStore, 'list'>,
  logger: Logger,
): ScheduledJobDefinition {
  const name = 'personal-data-retention';
  return {
    name,
    listOccurrences: (now) => {
      const today = toLocalDay(now, PURGE_TIMEZONE);
      return Promise.resolve([
        {
          key: toOccurrenceKey(name, today, 'all'),
          dueAt: toUtcInstant(today, PURGE_TIME, PURGE_TIMEZONE),
          expiresAt: new Date(
            toUtcInstant(addDays(today, 1), '00:00', PURGE_TIMEZONE).getTime() - 1,
          ),
        },
      ]);
    },
    execute: async (occurrence) => {
      const report = await runRetention(deps, {
        programmes: await programmes.list(),
        now: occurrence.dueAt,
        today: toLocalDay(occurrence.dueAt, PURGE_TIMEZONE),
        durations: RETENTION_DEFAULTS,
      });
      logger.info({ report }, 'retention purge');
    },
  };
}
