import { TeamsAdapter } from '@microsoft/teams-ai';
import { CallerIdConstants, ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import { AuthenticationConstants } from 'botframework-connector';
import { randomUUID } from 'node:crypto';
import { tellCandidateIfEndorsementUnreached } from './core/candidacies/request-endorsement';
import { openDatabase, type DatabaseHandle } from './adapters/sql/open-database';
import { SqlProgrammeRoles } from './adapters/sql/sql-programme-roles';
import { SqlBotStorage } from './adapters/sql/sql-bot-storage';
import { toDatabaseOptions } from './adapters/sql/to-database-options';
import { SqlConversationStore } from './adapters/sql/sql-conversation-store';
import { SqlOccurrenceStore } from './adapters/sql/sql-occurrence-store';
import { SqlInstanceRegistry } from './adapters/sql/sql-instance-registry';
import { createOutboxHealthJob } from './jobs/create-outbox-health-job';
import {
  BOT_FRAMEWORK_OPENID_METADATA_URL,
  createBotTokenGate,
} from './adapters/teams/bot-token-gate';
import { admitActivity, refuseActivity } from './adapters/teams/admit-activity';
import { createBotApplication } from './adapters/teams/create-bot-application';
import { createConnectorTokenProvider } from './adapters/teams/create-connector-token-provider';
import { LabChannelMembers } from './adapters/teams/lab-channel-members';
import { ConfigError, loadConfig, type Config } from './config';
import { resolveRoles } from './core/people/resolve-roles';
import { systemClock, type Clock } from './core/ports/clock';
import { createDeliveryWorker } from './delivery/create-delivery-worker';
import { EmailWorker } from './adapters/email/email-worker';
import {
  seedDemoParticipants,
  seedDemoProgramme,
  seedDemoScores,
} from './demo/seed-demo-programme';
import {
  createCandidacyModule,
  type CandidacyModuleOptions,
} from './features/candidacies/candidacy-module';
import { createDigestModule } from './features/digests/digest-module';
import {
  findFallback,
  listCommands,
  listSearches,
  listVerbs,
  type FeatureModule,
} from './features/feature-module';
import { createFollowUpModule } from './features/follow-up/follow-up-module';
import {
  createFormationModule,
  type FormationModuleOptions,
} from './features/formation/formation-module';
import { createHelpModule } from './features/help/help-module';
import {
  createLabSessionsModule,
  type LabSessionsModuleOptions,
} from './features/lab-sessions/lab-sessions-module';
import type { Platform } from './features/platform';
import { createPlatform, type PlatformOptions } from './features/create-platform';
import { createProgrammeWizardModule } from './features/programme-wizard/programme-wizard-module';
import { createSelectionModule } from './features/selection/selection-module';
import { createPersonalDataModule } from './features/personal-data/personal-data-module';
import { createMeetingsModule } from './features/meetings/meetings-module';
import { createServer } from './http/create-server';
import { InstanceHeartbeat } from './instances/instance-heartbeat';
import { createScheduledJob } from './jobs/create-scheduled-job';
import { JobRegistry } from './jobs/job-registry';
import { createLogger, type Logger } from './logger';
import { version } from '../package.json';

/** How long shutdown waits for turns in progress before closing the database anyway. */
const SHUTDOWN_DRAIN_MS = 10_000;

/** A started bot, with the address it listens on and a way to stop it cleanly. */
export interface RunningBot {
  url: string;
  database: DatabaseHandle;
  /** What the modules were built from: stores and use case dependencies, for tests. */
  platform: Platform;
  /** The capability modules, in the order their commands are tried. */
  modules: readonly FeatureModule[];
  conversations: Platform['conversations'];
  programmes: Platform['programmes'];
  outbox: Platform['outbox'];
  teams: Platform['teams'];
  /** Re-reads the Lab channel's members now (the job does it every 10 minutes). */
  refreshLabMembers(): Promise<void>;
  /** Stops the cron tasks (shutdown does it too), for tests that compare the database around a turn. */
  stopJobs(): Promise<void>;
  stop(): Promise<void>;
}

/** Replaceable parts, for tests. */
export interface StartOptions extends PlatformOptions {
  clock?: Clock;
  /** Told of every SQL statement the bot runs (tests count a turn's queries). */
  onQuery?: (sql: string) => void;
  candidacyModule?: CandidacyModuleOptions;
  formationModule?: FormationModuleOptions;
  labSessionsModule?: LabSessionsModuleOptions;
}

/** The capability modules of the bot, in the order their commands are tried. */
export function createModules(platform: Platform, options: StartOptions = {}): FeatureModule[] {
  return [
    createHelpModule(platform),
    createCandidacyModule(platform, options.candidacyModule),
    createSelectionModule(platform),
    createFormationModule(platform, options.formationModule),
    createDigestModule(platform),
    createFollowUpModule(platform),
    createProgrammeWizardModule(platform),
    createLabSessionsModule(platform, options.labSessionsModule),
    createPersonalDataModule(platform),
    createMeetingsModule(platform),
  ];
}

/** A request waits at most this long for the Bot Framework's signing keys (then it is a 401). */
const TOKEN_KEYS_FETCH_TIMEOUT_MS = 1500;

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
    // A metadata address of our own means every other Bot Framework setting is named too.
    ...(credentials.openIdMetadataUrl === undefined
      ? {}
      : {
          ValidateAuthority: true,
          ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
          ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
          ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
          OAuthUrl: AuthenticationConstants.OAuthUrl,
          ToBotFromChannelOpenIdMetadataUrl: credentials.openIdMetadataUrl,
          ToBotFromEmulatorOpenIdMetadataUrl: credentials.openIdMetadataUrl,
          CallerId: CallerIdConstants.PublicAzureChannel,
        }),
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
  const database = await openDatabase({
    ...toDatabaseOptions(config),
    ...(options.onQuery === undefined ? {} : { onQuery: options.onQuery }),
  });
  // Members of the Lab channel's team count as Lab team too, read in the background.
  const labChannelMembers = new LabChannelMembers(
    config.labChannelId,
    new SqlConversationStore(database.db),
    createConnectorTokenProvider(config.credentials),
    logger,
    clock,
  );
  const labTeamIds = (): string[] => [...config.labAdminIds, ...labChannelMembers.ids()];
  let publicUrl = config.publicUrl ?? '';
  const { platform, useNotices } = createPlatform({
    config,
    database,
    clock,
    logger,
    version,
    publicUrl: () => publicUrl,
    labTeamIds,
    options,
  });
  const { conversations, programmes, candidacies, outbox, teams } = platform;
  // One indexed read per turn for the sender's programme roles (same answer as listProgrammeRoles).
  const programmeRoles = new SqlProgrammeRoles(database.db);
  if (config.seedDemo) {
    if (await seedDemoProgramme(programmes)) logger.info('demo programme seeded');
    const seeded = await seedDemoParticipants(candidacies, clock.now());
    if (seeded > 0) logger.info({ participants: seeded }, 'demo participants seeded');
    const scored = await seedDemoScores({ candidacies, scores: platform.candidacyCore.scores });
    if (scored > 0) logger.info({ scores: scored }, 'demo committee scores seeded');
  }
  const modules = createModules(platform, options);
  useNotices(modules);

  const adapter = createAdapter(config);
  const app = createBotApplication(
    {
      adapter,
      botAppId: config.credentials?.appId ?? '',
      storage: new SqlBotStorage(database.db),
      conversations,
      clock,
      roles: {
        baseRoles: (aadId) => resolveRoles({ aadId, labAdminIds: labTeamIds() }),
        programmeRoles: (aadId) => programmeRoles.rolesOf(aadId),
      },
      logger,
      fallbackCard: findFallback(modules),
    },
    { verbs: listVerbs(modules), commands: listCommands(modules), searches: listSearches(modules) },
  );

  // This process in the instance registry: the lease owner of every outbox row and occurrence it claims.
  const instanceId = `bot-${randomUUID()}`;
  const instances = new SqlInstanceRegistry(database.db);
  // Every proactive message leaves through the outbox, paced to Teams' limits shared by all instances.
  const delivery = createDeliveryWorker({
    outbox,
    conversations,
    clock,
    owner: instanceId,
    tenantPauses: instances,
    botId: `28:${config.credentials?.appId ?? 'local-bot'}`,
    tokenProvider: createConnectorTokenProvider(config.credentials),
    logger,
    ...(platform.personalChats === undefined
      ? {}
      : {
          installPersonalChat: (aadId: string) => platform.personalChats!.install(aadId),
        }),
    // A message Teams refused for good goes by e-mail; one that cannot, and was a manager's
    // endorsement request, is told to the candidate.
    onUnreachable: async (row, reason) => {
      const emailed = (await platform.email?.fallback.afterTeamsUnreachable(row, reason)) ?? false;
      if (!emailed) await tellUnreached(row.idempotencyKey);
    },
    // Given up on after its tries: the same for a manager's endorsement request.
    onFailed: (key) => tellUnreached(key),
  });
  const tellUnreached = (key: string): Promise<boolean> =>
    tellCandidateIfEndorsementUnreached(
      { ...platform.candidacyCore, programmes: platform.programmes },
      key,
    );
  // Messages Teams cannot deliver leave by e-mail from the Lab's mailbox, at its pace.
  const emailWorker = createEmailWorker(platform, instanceId, logger, tellUnreached);

  const jobs = new JobRegistry(logger);
  jobs.register({
    name: 'lab-channel-members',
    // Every 10 minutes: someone added to the Lab team's Teams team gets the Lab commands soon after.
    schedule: '*/10 * * * *',
    run: () => labChannelMembers.refresh(),
  });
  jobs.register(createOutboxHealthJob({ outbox, logger }));
  const occurrences = new SqlOccurrenceStore(database.db);
  for (const module of modules) {
    for (const task of module.tasks ?? []) jobs.register(task);
    for (const definition of module.scheduledJobs ?? []) {
      jobs.register(
        createScheduledJob(definition, { occurrences, clock, owner: instanceId, logger }),
      );
    }
  }
  const { server, drain } = createServer({
    adapter,
    runTurn: async (context) => {
      const refusal = admitActivity(context.activity, config.allowedTenantIds);
      if (refusal === undefined) return app.run(context);
      logger.info({ refusal, activityType: context.activity.type }, 'activity refused');
      return refuseActivity(context);
    },
    isDatabaseUp: () => database.ping(),
    maxBodyBytes: config.maxBodyBytes,
    logger,
    authenticate:
      config.credentials === undefined
        ? undefined
        : createBotTokenGate({
            appId: config.credentials.appId,
            metadataUrl: config.credentials.openIdMetadataUrl ?? BOT_FRAMEWORK_OPENID_METADATA_URL,
            fetchTimeoutMs: TOKEN_KEYS_FETCH_TIMEOUT_MS,
            logger,
          }),
    extraRoutes: modules.flatMap((module) => module.routes ?? []),
  });

  const heartbeat = new InstanceHeartbeat({
    registry: instances,
    id: instanceId,
    clock,
    // One process only can open a SQLite file: what it finds held at start is a dead run's.
    exclusive: database.dialect === 'sqlite',
    onLiveInstances: (count) => delivery.shareTenantBudget(count),
    onReclaimed: (reclaimed) => logger.info(reclaimed, 'leases of stopped instances freed'),
    onError: (error) => logger.warn({ err: error }, 'instance heartbeat failed'),
  });
  await heartbeat.start();
  delivery.start();
  emailWorker?.start();
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
    platform,
    modules,
    conversations,
    programmes,
    outbox,
    teams,
    refreshLabMembers: () => labChannelMembers.refresh(),
    stopJobs: () => jobs.stopAll(),
    stop: () => {
      stopping ??= (async () => {
        await jobs.stopAll();
        await delivery.stop();
        await emailWorker?.stop();
        await heartbeat.stop();
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

/**
 * The worker sending the e-mail fallback's messages, when it is on; its log lines carry keys and
 * outcomes, never an address or a text.
 */
function createEmailWorker(
  platform: Platform,
  owner: string,
  logger: Logger,
  /** An e-mail that failed for good: the candidate hears when it was their manager's request. */
  onFailed: (key: string) => Promise<unknown>,
): EmailWorker | undefined {
  const email = platform.email;
  if (email?.sender === undefined) return undefined;
  const worker = new EmailWorker({
    store: email.store,
    sender: email.sender,
    addresses: email.addresses,
    clock: platform.clock,
    owner,
    teamsLink: email.teamsLink,
    onOutcome: (outcome) => {
      logger.info(outcome, 'e-mail outcome');
      if (outcome.outcome !== 'failed') return;
      onFailed(outcome.key).catch((error: unknown) =>
        logger.error({ err: error, key: outcome.key }, 'telling the candidate failed'),
      );
    },
    onError: (error) => logger.error({ err: error }, 'e-mail worker error'),
  });
  email.fallback.whenQueued(() => worker.wake());
  return worker;
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
