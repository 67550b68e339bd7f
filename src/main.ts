import { TeamsAdapter } from '@microsoft/teams-ai';
import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import { openDatabase, type DatabaseHandle } from './adapters/sql/open-database';
import { SqlBotStorage } from './adapters/sql/sql-bot-storage';
import { SqlConversationStore } from './adapters/sql/sql-conversation-store';
import { SqlProgrammeStore } from './adapters/sql/sql-programme-store';
import { createBotApplication } from './adapters/teams/create-bot-application';
import { ConfigError, loadConfig, type Config } from './config';
import { systemClock, type Clock } from './core/ports/clock';
import type { ConversationStore } from './core/ports/conversation-store';
import type { ProgrammeStore } from './core/ports/programme-store';
import { seedDemoProgramme } from './demo/seed-demo-programme';
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
  stop(): Promise<void>;
}

/** Replaceable parts, for tests. */
export interface StartOptions {
  clock?: Clock;
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
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    sqlitePath: config.sqlitePath,
  });
  const conversations = new SqlConversationStore(database.db);
  const programmes = new SqlProgrammeStore(database.db);
  if (config.seedDemo && (await seedDemoProgramme(programmes))) {
    logger.info('demo programme seeded');
  }

  const adapter = createAdapter(config);
  const app = createBotApplication({
    adapter,
    botAppId: config.credentials?.appId ?? '',
    storage: new SqlBotStorage(database.db),
    conversations,
    programmes,
    clock,
    labAdminIds: config.labAdminIds,
    logger,
    getStatus: async () => ({ dialect: database.dialect, databaseUp: await database.ping() }),
    version,
  });

  const jobs = new JobRegistry(logger);
  const { server, drain } = createServer({
    adapter,
    runTurn: (context) => app.run(context),
    isDatabaseUp: () => database.ping(),
    maxBodyBytes: config.maxBodyBytes,
    logger,
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address();
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${address.port}`;
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
    stop: () => {
      stopping ??= (async () => {
        await jobs.stopAll();
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
