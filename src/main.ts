import type { TokenCredential } from '@azure/identity';
import { TeamsAdapter } from '@microsoft/teams-ai';
import type restify from 'restify';
import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import { openDatabase, type DatabaseHandle } from './adapters/sql/open-database';
import { SqlBotStorage } from './adapters/sql/sql-bot-storage';
import { toDatabaseOptions } from './adapters/sql/to-database-options';
import { SqlConversationStore } from './adapters/sql/sql-conversation-store';
import { SqlProgrammeStore } from './adapters/sql/sql-programme-store';
import { randomUUID } from 'node:crypto';
import { createExportRoute } from './adapters/export/create-export-route';
import { createCandidacyDeps } from './adapters/sql/create-candidacy-deps';
import { SqlOccurrenceStore } from './adapters/sql/sql-occurrence-store';
import { createCandidacyFeature } from './adapters/teams/features/candidacy-feature';
import { createCandidacyRenderers } from './adapters/teams/features/candidacy-notices';
import { createSelectionFeature } from './adapters/teams/features/selection-feature';
import { sendDraftReminders } from './core/candidacies/send-draft-reminders';
import { lapseUnconfirmed } from './core/selection/lapse-unconfirmed';
import { createDailyProgrammeJob } from './jobs/create-daily-programme-job';
import { createScheduledJob } from './jobs/create-scheduled-job';
import { createOutboxHealthJob } from './jobs/create-outbox-health-job';
import { SqlDigestSource } from './adapters/sql/sql-digest-source';
import { SqlFollowUpAnswers } from './adapters/sql/sql-follow-up-answers';
import { createReviewExportRoute } from './adapters/export/create-review-export-route';
import { createReviewExporter } from './adapters/export/create-review-exporter';
import { createDigestRenderers } from './adapters/teams/features/digest-cards';
import { createDigestFeature } from './adapters/teams/features/digest-feature';
import { createDigestJob } from './jobs/create-digest-job';
import { createLabChannelResolver } from './adapters/teams/create-lab-channel-resolver';
import { createFollowUpJob } from './jobs/create-follow-up-job';
import { createFollowUpDeps } from './adapters/sql/create-follow-up-deps';
import { createCheckinFeature } from './adapters/teams/features/checkin-feature';
import { createProgrammeWizardFeature } from './adapters/teams/features/programme-wizard-feature';
import { KNOWN_ORGANISATIONS } from './catalogue/known-organisations';
import { createFollowUpRenderers } from './adapters/teams/features/follow-up-notices';
import { createGraphCredential } from './adapters/graph/create-graph-credential';
import { GraphChannelProvisioner } from './adapters/graph/graph-channel-provisioner';
import { SqlCandidacyStore } from './adapters/sql/sql-candidacy-store';
import { SqlFormationDraftStore } from './adapters/sql/sql-formation-draft-store';
import { SqlOutboxStore } from './adapters/sql/sql-outbox-store';
import { SqlProgrammeTeamStore } from './adapters/sql/sql-programme-team-store';
import type { BotFeature } from './adapters/teams/bot-feature';
import { createBotApplication } from './adapters/teams/create-bot-application';
import { createConnectorTokenProvider } from './adapters/teams/create-connector-token-provider';
import { LabChannelMembers } from './adapters/teams/lab-channel-members';
import { createFormationRenderers } from './adapters/teams/features/formation-cards';
import { createFormationFeature } from './adapters/teams/features/formation-feature';
import { OutboxNotifier } from './adapters/teams/notices/outbox-notifier';
import type { OutboxStore } from './core/ports/outbox-store';
import type { ProgrammeTeamStore } from './core/ports/programme-team-store';
import { toLocalDay } from './core/time/to-local-day';
import { createDeliveryWorker } from './delivery/create-delivery-worker';
import { ConfigError, loadConfig, type Config } from './config';
import { systemClock, type Clock } from './core/ports/clock';
import type { ConversationStore } from './core/ports/conversation-store';
import type { ProgrammeStore } from './core/ports/programme-store';
import { seedDemoParticipants, seedDemoProgramme } from './demo/seed-demo-programme';
import { createServer } from './http/create-server';
import { JobRegistry } from './jobs/job-registry';
import { createLogger, type Logger } from './logger';
import { version } from '../package.json';

/** How long shutdown waits for turns in progress before closing the database anyway. */
const SHUTDOWN_DRAIN_MS = 10_000;

/** A started bot, with the address it listens on and a way to stop it cleanly. */
export interface RunningBot {
  url: string;
  database: DatabaseHandle;
  conversations: ConversationStore;
  programmes: ProgrammeStore;
  outbox: OutboxStore;
  teams: ProgrammeTeamStore;
  /** Re-reads the Lab channel's members now (the job does it every 10 minutes). */
  refreshLabMembers(): Promise<void>;
  stop(): Promise<void>;
}

/** Replaceable parts, for tests. */
export interface StartOptions {
  clock?: Clock;
  /** More features and HTTP routes built on the bot's database (tests mount features with it). */
  features?: (database: DatabaseHandle) => {
    features?: BotFeature[];
    routes?: ((server: restify.Server) => void)[];
  };
  /** The Graph app's credential; tests give one whose tokens a fake Graph knows. */
  graphCredential?: TokenCredential;
}

/** Builds the TeamsAdapter; without credentials it accepts unauthenticated requests (local only). */
function createAdapter(config: Config): TeamsAdapter {
  const credentials = config.credentials;
  if (credentials === undefined) return new TeamsAdapter();
  const settings = {
    MicrosoftAppId: credentials.appId,
    MicrosoftAppPassword: credentials.password,
    MicrosoftAppType:
      credentials.appType === 'UserAssignedMsi' ? 'UserAssignedMSI' : credentials.appType,
    MicrosoftAppTenantId: credentials.tenantId,
  };
  return new TeamsAdapter(settings, new ConfigurationServiceClientCredentialFactory(settings));
}

/** The composition root: wires configuration, database, Teams adapter, server and jobs. */
export async function startBot(
  config: Config,
  logger: Logger,
  options: StartOptions = {},
): Promise<RunningBot> {
  const clock = options.clock ?? systemClock;
  const database = await openDatabase(toDatabaseOptions(config));
  const conversations = new SqlConversationStore(database.db);
  const programmes = new SqlProgrammeStore(database.db);
  const candidacies = new SqlCandidacyStore(database.db);
  const outbox = new SqlOutboxStore(database.db);
  const teams = new SqlProgrammeTeamStore(database.db);
  if (config.seedDemo) {
    if (await seedDemoProgramme(programmes)) logger.info('demo programme seeded');
    const seeded = await seedDemoParticipants(candidacies, clock.now());
    if (seeded > 0) logger.info({ participants: seeded }, 'demo participants seeded');
  }

  const notifier = new OutboxNotifier(
    outbox,
    conversations,
    {
      ...createFormationRenderers(() => toLocalDay(clock.now(), 'Europe/Paris')),
      ...createCandidacyRenderers(),
      ...createDigestRenderers({ exportReviews: true }),
      ...createFollowUpRenderers(),
    },
    clock,
  );
  const graphCredential = options.graphCredential ?? createGraphCredential(config);
  const provisioner =
    graphCredential === undefined
      ? undefined
      : new GraphChannelProvisioner(graphCredential, config.graph?.baseUrl);
  if (provisioner === undefined) {
    logger.info(
      'no Microsoft Graph identity: each team gets a thread in General instead of a channel',
    );
  }

  const digests = new SqlDigestSource(database.db);
  const followUp = createFollowUpDeps(database.db, { clock, labAdminIds: config.labAdminIds });
  const adapter = createAdapter(config);
  // Candidacies and selection; tests mount their own instance with a recording notifier instead.
  let publicUrl = config.publicUrl ?? '';
  const { core: candidacyCore, people } = createCandidacyDeps(database.db, {
    clock,
    notifier,
    labAdminIds: config.labAdminIds,
  });
  const extensions = options.features?.(database) ?? {
    features: [
      createCandidacyFeature({ core: candidacyCore, programmes, people, logger }),
      createSelectionFeature({
        core: candidacyCore,
        programmes,
        publicUrl: () => publicUrl,
        signingKey: config.exportSigningKey,
        logger,
      }),
    ],
    routes: [
      createExportRoute({
        core: candidacyCore,
        programmes,
        conversations,
        signingKey: config.exportSigningKey,
        logger,
      }),
    ],
  };
  // Members of the Lab channel's team count as Lab team too, read in the background.
  const labChannelMembers = new LabChannelMembers(
    config.labChannelId,
    conversations,
    createConnectorTokenProvider(config.credentials),
    logger,
  );
  const app = createBotApplication(
    {
      adapter,
      botAppId: config.credentials?.appId ?? '',
      storage: new SqlBotStorage(database.db),
      conversations,
      programmes,
      clock,
      labAdminIds: config.labAdminIds,
      labMembers: () => labChannelMembers.ids(),
      logger,
      getStatus: async () => ({ dialect: database.dialect, databaseUp: await database.ping() }),
      version,
    },
    [
      createFormationFeature({
        programmes,
        candidacies,
        drafts: new SqlFormationDraftStore(database.db),
        teams,
        conversations,
        notifier,
        provisioner,
        clock,
        logger,
      }),
      createDigestFeature({
        source: digests,
        clock,
        programmes,
        teams,
        logger,
        exportReviews: createReviewExporter({
          core: candidacyCore,
          publicUrl: () => publicUrl,
          signingKey: config.exportSigningKey,
        }),
      }),
      createCheckinFeature({ followUp, logger }),
      createProgrammeWizardFeature({ programmes, organisations: KNOWN_ORGANISATIONS, logger }),
      ...(extensions.features ?? []),
    ],
  );

  // Every proactive message leaves through the outbox, paced to Teams' limits.
  const delivery = createDeliveryWorker({
    outbox,
    conversations,
    clock,
    owner: `bot-${randomUUID()}`,
    botId: `28:${config.credentials?.appId ?? 'local-bot'}`,
    tokenProvider: createConnectorTokenProvider(config.credentials),
    logger,
  });

  const jobs = new JobRegistry(logger);
  jobs.register({
    name: 'lab-channel-members',
    // Every 10 minutes: someone added to the Lab team's Teams team gets the Lab commands soon after.
    schedule: '*/10 * * * *',
    run: () => labChannelMembers.refresh(),
  });
  jobs.register(createOutboxHealthJob({ outbox, logger }));
  const occurrences = new SqlOccurrenceStore(database.db);
  const jobOwner = `bot-${randomUUID()}`;
  const dailyChores = [
    // Candidates with an unfinished draft hear from the bot 3 days before the call closes.
    createDailyProgrammeJob({
      name: 'draft-reminders',
      time: '09:00',
      programmes,
      run: (programme) => sendDraftReminders(candidacyCore, programme),
    }),
    // Seats not confirmed by their deadline go to the waitlist, first thing in the morning.
    createDailyProgrammeJob({
      name: 'lapse-unconfirmed',
      time: '07:00',
      programmes,
      run: (programme) => lapseUnconfirmed(candidacyCore, programme),
    }),
  ];
  for (const chore of dailyChores) {
    jobs.register(createScheduledJob(chore, { occurrences, clock, owner: jobOwner, logger }));
  }
  // Monthly check-ins at 09:30 in each lead's time zone, reminders, escalations and reviews.
  jobs.register(
    createScheduledJob(createFollowUpJob({ ...followUp, notifier, logger }), {
      occurrences,
      clock,
      owner: jobOwner,
      logger,
    }),
  );
  // The Lab team's weekly digest, and each facilitator's, Monday 09:00 Paris unless configured.
  jobs.register(
    createScheduledJob(
      createDigestJob({
        source: digests,
        clock,
        programmes,
        teams,
        notifier,
        resolveLabChannel: createLabChannelResolver({
          conversations,
          channelId: config.labChannelId,
          clock,
          logger,
        }),
        labAdminIds: config.labAdminIds,
        schedule: config.digestSchedule,
        logger,
      }),
      { occurrences, clock, owner: jobOwner, logger },
    ),
  );
  const { server, drain } = createServer({
    adapter,
    runTurn: (context) => app.run(context),
    isDatabaseUp: () => database.ping(),
    maxBodyBytes: config.maxBodyBytes,
    logger,
    extraRoutes: [
      ...(extensions.routes ?? []),
      // Check-ins and review outcomes for the review meetings, behind the same signed links.
      createReviewExportRoute({
        core: candidacyCore,
        programmes,
        teams,
        answers: new SqlFollowUpAnswers(database.db),
        conversations,
        signingKey: config.exportSigningKey,
        logger,
      }),
    ],
  });

  delivery.start();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address();
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${address.port}`;
  if (config.publicUrl === undefined) publicUrl = url;
  void labChannelMembers.refresh();
  logger.info(
    {
      url,
      database: database.dialect,
      authentication: config.credentials === undefined ? 'disabled' : 'bot-framework',
    },
    config.credentials === undefined
      ? 'listening on loopback only: no BOT_ID configured, requests are not authenticated (local run)'
      : 'listening; requests need a valid Bot Framework token',
  );

  let stopping: Promise<void> | undefined;
  return {
    url,
    database,
    conversations,
    programmes,
    outbox,
    teams,
    refreshLabMembers: () => labChannelMembers.refresh(),
    stop: () => {
      stopping ??= (async () => {
        await jobs.stopAll();
        await delivery.stop();
        // Stop accepting connections, then let the turns in progress finish before closing the database.
        const closed = new Promise<void>((resolve) => {
          server.close(() => resolve());
        });
        const unfinished = await drain(SHUTDOWN_DRAIN_MS);
        if (unfinished > 0) logger.warn({ unfinished }, 'turns still running at shutdown');
        server.server.closeIdleConnections?.();
        await closed;
        await database.close();
        logger.info('stopped');
      })();
      return stopping;
    },
  };
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const bot = await startBot(config, logger);
  const shutdown = (signal: string): void => {
    logger.info({ signal }, 'shutting down');
    bot.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(
      `Failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  });
}
