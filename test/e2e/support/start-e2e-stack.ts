import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { findFreePort } from '../../support/find-free-port';
import { launchChromium } from './launch-chromium';
import { startProcessGroup, type ProcessGroup } from './process-group';
import { readMockData, type MockCurrentUser } from './read-mock-data';
import { startLocaleProxy, type LocaleProxy } from './start-locale-proxy';
import { waitForHttp } from './wait-for-http';

const REPO_ROOT = join(__dirname, '..', '..', '..');
/** Screenshots and the processes' logs, kept after the run (git-ignored). */
export const RESULTS_DIR = join(REPO_ROOT, 'test-results');
const BOT_ENTRY = join(REPO_ROOT, 'dist', 'src', 'main.js');
const PLAYGROUND_CLI = join(
  REPO_ROOT,
  'node_modules',
  '@microsoft',
  'm365agentsplayground',
  'cli.js',
);
/** Keeps the Playground on 127.0.0.1: its listening socket and its outgoing connections. */
const LOOPBACK_PRELOAD = join(__dirname, 'loopback-only.mjs');
/** Gives the bot a clock the test moves (`E2eStackOptions.clock`). */
const MOVED_CLOCK_PRELOAD = join(__dirname, 'moved-clock.mjs');

/** Both servers start in 1 to 3 s here; the margin is for a loaded CI machine. */
const STARTUP_TIMEOUT_MS = 60_000;
/** The Teams user's locale the proxy writes into activities: the programme's people are French. */
export const DEFAULT_LOCALE = 'fr-FR';
/** The Playground reports this time zone for the user (its own process's TZ). */
export const PLAYGROUND_TIMEZONE = 'Europe/Paris';

/** Variables of the developer's shell that would change what the e2e run starts. */
const INHERITED_VARIABLES_TO_DROP = [
  'BOT_ID',
  'BOT_PASSWORD',
  'BOT_TENANT_ID',
  'BOT_TYPE',
  'HOST',
  'DATABASE_URL',
  'M365_AGENTS_PLAYGROUND_CONFIG_PATH',
  'TEAMS_APP_TEST_TOOL_CONFIG_PATH',
  'M365_AGENTS_PLAYGROUND_SERVICE_URL',
  'M365_AGENTS_PLAYGROUND_CONVERSATION_ID',
  'TEAMSAPPTESTER_PORT',
];

/** Optional steps of a test's own, run at fixed points of the start. */
export interface E2eStackOptions {
  /** The suite's name; its processes' logs are `test-results/e2e-<name>-*.log`. */
  name: string;
  /**
   * Runs once the bot's environment is known and before the bot starts, e.g. to import a
   * programme with the command line into the same database (`env.SQLITE_PATH`).
   */
  beforeBotStart?: (bot: { env: NodeJS.ProcessEnv; workDir: string }) => Promise<void>;
  /** false: no demo programme (the suite's own programme is then the only one). Default true. */
  seedDemo?: boolean;
  /**
   * The bot's time when it starts, when the suite needs days to pass: the bot's clock then runs
   * at real speed from there and `setBotClock` moves it. Without it, the bot has the real time.
   */
  clock?: Date;
  /** More of the bot's configuration, over the stack's own (e.g. a longer LAB_ADMIN_IDS). */
  botEnv?: Record<string, string>;
}

/** The bot, the Agents Playground and a headless Chromium page on it, all on loopback. */
export interface E2eStack {
  /** http://localhost:<port> of the Playground. */
  playgroundUrl: string;
  botUrl: string;
  /** The bot's environment: `labbot` run with it works on the bot's own database. */
  botEnv: NodeJS.ProcessEnv;
  /** The mock data's current user, who is the Lab admin of this run. */
  currentUser: MockCurrentUser;
  page: Page;
  context: BrowserContext;
  /** Changes the Teams locale of the next activities (e.g. 'en-US'). */
  setLocale(locale: string): void;
  /**
   * Moves the bot's clock to `instant` (from which it runs on at real speed); only with the
   * `clock` option. The bot reads it within 100 ms; its jobs see it on their next tick.
   */
  setBotClock(instant: Date): void;
  /** Stops everything this stack started; safe to call twice or after a failed start. */
  stop(): Promise<void>;
}

function cleanEnvironment(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of INHERITED_VARIABLES_TO_DROP) delete env[name];
  return { ...env, ...overrides };
}

/** Explains a failed start with the end of the process's own output. */
function withOutput(error: unknown, group: ProcessGroup): Error {
  const message = error instanceof Error ? error.message : String(error);
  return new Error(`${message}\n--- ${group.name} output ---\n${group.outputTail()}`);
}

/**
 * Starts the built bot (`dist/src/main.js`, temp SQLite, demo programme, the mock current user
 * as Lab admin), the Agents Playground with a copy of the mock data in a temp directory, and
 * headless Chromium. Everything started is stopped by `stop()`, by SIGINT/SIGTERM, or at exit.
 */
export async function startE2eStack(options: E2eStackOptions): Promise<E2eStack> {
  if (!existsSync(BOT_ENTRY)) {
    throw new Error(`${BOT_ENTRY} is missing: run \`npm run build\` first (npm run test:e2e does)`);
  }
  mkdirSync(RESULTS_DIR, { recursive: true });
  const workDir = mkdtempSync(join(tmpdir(), 'labbot-e2e-'));
  const groups: ProcessGroup[] = [];
  let proxy: LocaleProxy | undefined;
  let context: BrowserContext | undefined;

  const removeWorkDir = (): void =>
    rmSync(workDir, { recursive: true, force: true, maxRetries: 3, retryDelay: 100 });
  // An interrupted run (Ctrl-C in mocha, CI cancel) never reaches the after hooks.
  const onSignal = (signal: NodeJS.Signals): void => {
    for (const group of groups) {
      try {
        process.kill(-group.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    removeWorkDir();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('exit', removeWorkDir);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      await context?.close().catch(() => undefined);
      // The Playground first, so that it does not see the bot vanish under it.
      for (const group of [...groups].reverse()) await group.stop();
      await proxy?.close();
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      process.off('exit', removeWorkDir);
      removeWorkDir();
    })();
    return stopping;
  };

  try {
    const { text: mockData, currentUser } = readMockData();
    const botPort = await findFreePort();
    const clockFile = join(workDir, 'bot-clock-offset');
    const setBotClock = (instant: Date): void => {
      if (options.clock === undefined) throw new Error('the stack was started without `clock`');
      // Written aside then renamed: the bot never reads a half-written offset.
      writeFileSync(`${clockFile}.new`, String(instant.getTime() - Date.now()));
      renameSync(`${clockFile}.new`, clockFile);
    };
    if (options.clock !== undefined) setBotClock(options.clock);
    const botEnv = cleanEnvironment({
      PORT: String(botPort),
      SQLITE_PATH: join(workDir, 'labbot.sqlite'),
      SEED_DEMO: String(options.seedDemo ?? true),
      LAB_ADMIN_IDS: currentUser.aadObjectId,
      LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'info',
      ...(options.clock === undefined ? {} : { E2E_CLOCK_FILE: clockFile }),
      ...options.botEnv,
    });
    await options.beforeBotStart?.({ env: botEnv, workDir });
    const bot = startProcessGroup({
      name: 'bot',
      command: process.execPath,
      args:
        options.clock === undefined ? [BOT_ENTRY] : ['--import', MOVED_CLOCK_PRELOAD, BOT_ENTRY],
      cwd: REPO_ROOT,
      env: botEnv,
      logFile: join(RESULTS_DIR, `e2e-${options.name}-bot.log`),
    });
    groups.push(bot);
    const botUrl = `http://127.0.0.1:${botPort}`;
    await waitForHttp(`${botUrl}/healthz`, {
      name: 'bot',
      timeoutMs: STARTUP_TIMEOUT_MS,
      stillStarting: () => bot.isRunning(),
    }).catch((error: unknown) => {
      throw withOutput(error, bot);
    });

    proxy = await startLocaleProxy(botUrl, DEFAULT_LOCALE);

    // The Playground reads .m365agentsplayground.yml from its working directory.
    const playgroundDir = join(workDir, 'playground');
    mkdirSync(playgroundDir);
    writeFileSync(join(playgroundDir, '.m365agentsplayground.yml'), mockData);
    const playgroundPort = await findFreePort();
    const playground = startProcessGroup({
      name: 'playground',
      command: process.execPath,
      args: [
        '--import',
        LOOPBACK_PRELOAD,
        PLAYGROUND_CLI,
        'start',
        '--app-endpoint',
        `${proxy.url}/api/messages`,
        '--channel-id',
        'msteams',
        '--port',
        String(playgroundPort),
        '--disable-telemetry',
      ],
      cwd: playgroundDir,
      env: cleanEnvironment({
        // Never open a browser of its own: the test drives one.
        TEAMSAPPTESTER_BROWSER: 'none',
        // --disable-telemetry leaves the Application Insights SDK's own statsbeat running.
        APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
        M365_AGENTS_PLAYGROUND_LOGFILE: join(
          RESULTS_DIR,
          `e2e-${options.name}-playground-devtools.log`,
        ),
        TZ: PLAYGROUND_TIMEZONE,
      }),
      logFile: join(RESULTS_DIR, `e2e-${options.name}-playground.log`),
    });
    groups.push(playground);
    // When its port is taken, the Playground silently listens elsewhere: check it is ours.
    const [, listeningPort] = await playground
      .waitForOutput(/Listening on (\d+)/, STARTUP_TIMEOUT_MS)
      .catch((error: unknown) => {
        throw withOutput(error, playground);
      });
    if (Number(listeningPort) !== playgroundPort) {
      throw withOutput(
        new Error(`Playground listens on ${listeningPort}, not on ${playgroundPort}`),
        playground,
      );
    }
    const playgroundUrl = `http://localhost:${playgroundPort}`;
    await waitForHttp(playgroundUrl, {
      name: 'playground',
      timeoutMs: STARTUP_TIMEOUT_MS,
      stillStarting: () => playground.isRunning(),
    }).catch((error: unknown) => {
      throw withOutput(error, playground);
    });

    context = await launchChromium(join(workDir, 'chromium-profile'));
    const page = context.pages()[0] ?? (await context.newPage());
    const activeProxy = proxy;
    return {
      playgroundUrl,
      botUrl,
      botEnv,
      currentUser,
      page,
      context,
      setLocale: (locale) => activeProxy.setLocale(locale),
      setBotClock,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
