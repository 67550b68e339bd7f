#!/usr/bin/env node
// `npm run dev`: builds, starts the bot on the embedded SQLite database with the demo
// programme, starts the Microsoft 365 Agents Playground (a local Teams emulator) on
// http://localhost:56150, and streams the bot's logs. Ctrl-C stops both.
// Everything listens on 127.0.0.1 only; see docs/local-run.md.
/* global fetch, AbortSignal */
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import process from 'node:process';
import { clearTimeout, setTimeout } from 'node:timers';
import { fileURLToPath, URL } from 'node:url';
import { parse } from 'yaml';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MOCK_DATA_PATH = join(REPO_ROOT, '.m365agentsplayground.yml');
const PLAYGROUND_CLI = join(REPO_ROOT, 'node_modules/@microsoft/m365agentsplayground/cli.js');
// Playground 0.2.28 listens on every interface and reaches Application Insights even with
// --disable-telemetry; this preload keeps it on 127.0.0.1 (see the file).
const LOOPBACK_PRELOAD = join(REPO_ROOT, 'test/e2e/support/loopback-only.mjs');
const BOT_ENTRY = join(REPO_ROOT, 'dist/src/main.js');

/** The Playground's own default port, the one the README and the docs promise. */
const PLAYGROUND_PORT = 56150;
/** The Bot Framework samples' usual port; PORT changes it. */
const BOT_PORT = Number(process.env.PORT ?? 3978);
/** Both servers start in 1 to 3 s; beyond this something is wrong. */
const STARTUP_TIMEOUT_MS = 60_000;
/** SIGTERM first; the bot waits up to 10 s for turns in progress, so give it a little more. */
const STOP_GRACE_MS = 12_000;
/**
 * The Teams locale written into the Playground's activities. Playground 0.2.28 always sends
 * "en-US", so without this the bot (French unless the client is English) would answer in
 * English; PLAYGROUND_LOCALE=en-US tries English, PLAYGROUND_LOCALE=off sends the
 * Playground's activities unchanged.
 */
const PLAYGROUND_LOCALE = process.env.PLAYGROUND_LOCALE ?? 'fr-FR';

const useColour = process.stdout.isTTY === true && process.env.NO_COLOR === undefined;
const paint = (code, text) => (useColour ? `\x1b[${code}m${text}\x1b[0m` : text);

function fail(message) {
  process.stderr.write(`\n${paint('31', '✖')} ${message}\n`);
  return 1;
}

/** Whether `port` can be bound on 127.0.0.1 right now. */
function isPortFree(port) {
  return new Promise((resolvePort) => {
    const probe = createTcpServer();
    probe.once('error', () => resolvePort(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolvePort(true)));
  });
}

function readCurrentUser() {
  const data = parse(readFileSync(MOCK_DATA_PATH, 'utf8'));
  const user = data?.currentUser;
  if (typeof user?.aadObjectId !== 'string' || typeof user?.name !== 'string') {
    throw new Error(`${MOCK_DATA_PATH}: currentUser.name and currentUser.aadObjectId are required`);
  }
  return { name: user.name, aadObjectId: user.aadObjectId };
}

/** Runs `npm run build` in the foreground; resolves with its exit code. */
function build() {
  // Under `npm run`, npm_execpath is npm's own CLI: no dependence on PATH or on npm.cmd.
  const npm = process.env.npm_execpath;
  const [command, args] =
    npm !== undefined && npm.endsWith('.js')
      ? [process.execPath, [npm, 'run', 'build']]
      : ['npm', ['run', 'build']];
  return new Promise((resolveBuild) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, stdio: 'inherit' });
    child.once('error', () => resolveBuild(1));
    child.once('exit', (code) => resolveBuild(code ?? 1));
  });
}

/** Process groups started here (detached), so that stopping one also stops its children. */
const groups = [];

function killGroup(group, signal) {
  try {
    process.kill(-group.child.pid, signal);
  } catch (error) {
    if (error.code !== 'ESRCH') throw error; // ESRCH: already gone
  }
}

function startGroup(name, args, env, onLine) {
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const group = { name, child, running: true, output: '' };
  group.exited = new Promise((resolveExit) => {
    child.once('exit', (code, signal) => {
      group.running = false;
      resolveExit(code ?? signal);
    });
  });
  for (const stream of [child.stdout, child.stderr]) {
    let pending = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      group.output = (group.output + chunk).slice(-4000);
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (line.trim() !== '') onLine(line, stream === child.stderr);
    });
  }
  groups.push(group);
  return group;
}

async function stopGroup(group) {
  if (group.running) {
    killGroup(group, 'SIGTERM');
    const timer = setTimeout(() => killGroup(group, 'SIGKILL'), STOP_GRACE_MS);
    await group.exited;
    clearTimeout(timer);
  }
  killGroup(group, 'SIGKILL'); // anything the leader left behind in its group
}

const LEVELS = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const LEVEL_COLOURS = { 10: '90', 20: '90', 30: '32', 40: '33', 50: '31', 60: '35' };
const HIDDEN_FIELDS = new Set(['level', 'time', 'msg', 'service', 'pid', 'hostname', 'err']);

/** Turns one pino JSON line into "12:04:05 INFO  message key=value"; other lines pass through. */
function prettyLogLine(line) {
  let entry;
  try {
    entry = JSON.parse(line);
  } catch {
    return line;
  }
  if (typeof entry !== 'object' || entry === null || typeof entry.level !== 'number') return line;
  const time = new Date(entry.time ?? Date.now()).toTimeString().slice(0, 8);
  const level = (LEVELS[entry.level] ?? String(entry.level)).padEnd(5);
  const fields = Object.entries(entry)
    .filter(([key]) => !HIDDEN_FIELDS.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
  let text = `${paint('90', time)} ${paint(LEVEL_COLOURS[entry.level] ?? '0', level)} ${entry.msg ?? ''}`;
  if (fields !== '') text += ` ${paint('90', fields)}`;
  if (entry.err?.stack) text += `\n${entry.err.stack}`;
  return text;
}

/** Polls `url` until it answers 200; rejects after the timeout or when `group` exits. */
async function waitForHttp(url, group) {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (!group.running) throw new Error(`${group.name} stopped while starting`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 200));
  }
  throw new Error(`${group.name} did not answer on ${url} within ${STARTUP_TIMEOUT_MS / 1000} s`);
}

/** Writes `locale` into a JSON activity (its locale and its clientInfo entity). */
function setActivityLocale(body, locale) {
  let activity;
  try {
    activity = JSON.parse(body.toString('utf8'));
  } catch {
    return body;
  }
  if (typeof activity !== 'object' || activity === null || !('type' in activity)) return body;
  activity.locale = locale;
  for (const entity of Array.isArray(activity.entities) ? activity.entities : []) {
    if (entity?.type === 'clientInfo') entity.locale = locale;
  }
  return Buffer.from(JSON.stringify(activity), 'utf8');
}

/**
 * A loopback proxy in front of the bot's /api/messages that plays the part of the Teams
 * client's language (see PLAYGROUND_LOCALE). Replies do not pass through it: the bot posts
 * them to the Playground's service URL; invoke answers (Action.Execute cards) do.
 */
function startLocaleProxy(botOrigin, locale) {
  const target = new URL(botOrigin);
  const server = createServer((incoming, outgoing) => {
    const chunks = [];
    incoming.on('data', (chunk) => chunks.push(chunk));
    incoming.on('end', () => {
      const raw = Buffer.concat(chunks);
      const isJson = (incoming.headers['content-type'] ?? '').includes('application/json');
      const body = isJson ? setActivityLocale(raw, locale) : raw;
      const headers = { ...incoming.headers, host: target.host };
      delete headers['transfer-encoding'];
      headers['content-length'] = String(body.length);
      const forwarded = request(
        {
          hostname: target.hostname,
          port: target.port,
          method: incoming.method,
          path: incoming.url,
          headers,
        },
        (answer) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
        },
      );
      forwarded.on('error', (error) => {
        if (!outgoing.headersSent) outgoing.writeHead(502, { 'content-type': 'text/plain' });
        outgoing.end(`bot unreachable: ${error.message}`);
      });
      forwarded.end(body);
    });
  });
  return new Promise((resolveProxy, rejectProxy) => {
    server.once('error', rejectProxy);
    server.listen(0, '127.0.0.1', () => resolveProxy(server));
  });
}

function printBanner(currentUser, isAdmin) {
  const url = `http://localhost:${PLAYGROUND_PORT}`;
  const rule = paint('36', '─'.repeat(72));
  const admin = isAdmin
    ? `  Vous êtes ${currentUser.name}, de l’équipe du Lab (admin) / You are ${currentUser.name}, Lab admin.`
    : `  Vous êtes ${currentUser.name} (pas admin du Lab : LAB_ADMIN_IDS est fourni) / not a Lab admin.`;
  process.stdout.write(
    [
      '',
      rule,
      `  ${paint('1', `Ouvrez ${url} dans votre navigateur.`)}`,
      `  ${paint('1', `Open ${url} in your browser.`)}`,
      admin,
      '  Tapez « aide » dans « Personal Chat » / Type "help" in "Personal Chat".',
      '  Ctrl-C arrête tout / Ctrl-C stops everything.',
      rule,
      '',
    ].join('\n') + '\n',
  );
}

async function main() {
  let currentUser;
  try {
    currentUser = readCurrentUser();
  } catch (error) {
    return fail(`Mock data unreadable: ${error.message}`);
  }

  // Checked before the build, to fail in a second rather than after it. Another port would
  // break the promise of http://localhost:56150, so a busy port stops everything.
  for (const [port, what, hint] of [
    [
      PLAYGROUND_PORT,
      'Agents Playground',
      'Another `npm run dev` or Playground may be running; stop it (see `ss -ltnp | grep 56150`).',
    ],
    [BOT_PORT, 'bot', `Stop what uses it, or choose another port: PORT=3979 npm run dev.`],
  ]) {
    if (!(await isPortFree(port))) {
      return fail(
        `Le port ${port} (${what}) est déjà utilisé. / Port ${port} (${what}) is already in use.\n  ${hint}`,
      );
    }
  }

  let stopping = false;
  let proxy;
  let resolveExit;
  const exitCode = new Promise((resolvePromise) => (resolveExit = resolvePromise));
  const stopAll = async () => {
    // The Playground first, so that it does not see the bot vanish under it.
    for (const group of [...groups].reverse()) await stopGroup(group);
    await new Promise((resolveClose) =>
      proxy ? proxy.close(() => resolveClose()) : resolveClose(),
    );
  };
  const stopOnFailure = async (message) => {
    if (stopping) return;
    stopping = true;
    fail(message);
    await stopAll().catch(() => undefined);
    resolveExit(1);
  };
  const onSignal = (signal) => {
    if (stopping) {
      // A second Ctrl-C: no more waiting.
      for (const group of groups) killGroup(group, 'SIGKILL');
      resolveExit(1);
      return;
    }
    stopping = true;
    process.stdout.write(`\n${signal}: arrêt du bot et du Playground / stopping…\n`);
    stopAll().then(
      () => resolveExit(0),
      () => resolveExit(1),
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('exit', () => {
    for (const group of groups) if (group.running) killGroup(group, 'SIGKILL');
  });

  const started = (async () => {
    process.stdout.write('Compilation / build (npm run build)…\n');
    const buildCode = await build();
    if (stopping) return;
    if (buildCode !== 0) return stopOnFailure(`npm run build failed (exit ${buildCode}).`);

    const labAdminIds = process.env.LAB_ADMIN_IDS ?? currentUser.aadObjectId;
    const sqlitePath = process.env.SQLITE_PATH ?? 'data/labbot.sqlite';
    mkdirSync(join(REPO_ROOT, 'data'), { recursive: true });
    const botEnv = { ...process.env };
    // The Playground cannot authenticate, and the local run uses the embedded database.
    for (const name of ['BOT_ID', 'BOT_PASSWORD', 'BOT_TENANT_ID', 'BOT_TYPE', 'HOST']) {
      delete botEnv[name];
    }
    if (botEnv.DATABASE_URL !== undefined) {
      process.stdout.write('DATABASE_URL ignored: npm run dev uses the embedded SQLite file.\n');
      delete botEnv.DATABASE_URL;
    }
    const bot = startGroup(
      'bot',
      [BOT_ENTRY],
      {
        ...botEnv,
        PORT: String(BOT_PORT),
        SQLITE_PATH: sqlitePath,
        SEED_DEMO: 'true',
        LAB_ADMIN_IDS: labAdminIds,
      },
      (line, isError) =>
        (isError ? process.stderr : process.stdout).write(`${prettyLogLine(line)}\n`),
    );
    void bot.exited.then((code) =>
      stopOnFailure(`The bot stopped (exit ${code}); its log is above.`),
    );
    await waitForHttp(`http://127.0.0.1:${BOT_PORT}/healthz`, bot);
    if (stopping) return;

    let endpoint = `http://127.0.0.1:${BOT_PORT}/api/messages`;
    if (PLAYGROUND_LOCALE !== 'off') {
      proxy = await startLocaleProxy(`http://127.0.0.1:${BOT_PORT}`, PLAYGROUND_LOCALE);
      endpoint = `http://127.0.0.1:${proxy.address().port}/api/messages`;
    }

    const playgroundEnv = {
      ...process.env,
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: MOCK_DATA_PATH,
      M365_AGENTS_PLAYGROUND_LOGFILE: join(REPO_ROOT, 'data', 'm365agentsplayground.log'),
      // This script prints the address; the Playground would otherwise try to open a browser.
      TEAMSAPPTESTER_BROWSER: 'none',
      // --disable-telemetry leaves the Application Insights SDK's own statsbeat running.
      APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
      NODE_NO_WARNINGS: '1',
    };
    delete playgroundEnv.TEAMSAPPTESTER_PORT;
    if (process.env.PLAYGROUND_TIMEZONE !== undefined) {
      playgroundEnv.TZ = process.env.PLAYGROUND_TIMEZONE; // the user's time zone in activities
    }
    const playground = startGroup(
      'playground',
      [
        '--import',
        LOOPBACK_PRELOAD,
        PLAYGROUND_CLI,
        'start',
        '--app-endpoint',
        endpoint,
        '--channel-id',
        'msteams',
        '--port',
        String(PLAYGROUND_PORT),
        '--disable-telemetry',
      ],
      playgroundEnv,
      (line) => {
        // Its own "being launched … http://localhost:56150" line would repeat the banner.
        if (!/being launched|^Listening on/.test(line)) {
          process.stdout.write(`${paint('35', 'playground │')} ${line}\n`);
        }
      },
    );
    void playground.exited.then((code) =>
      stopOnFailure(`The Agents Playground stopped (exit ${code}):\n${playground.output}`),
    );
    await waitForHttp(`http://127.0.0.1:${PLAYGROUND_PORT}/`, playground);
    if (!new RegExp(`Listening on ${PLAYGROUND_PORT}\\b`).test(playground.output)) {
      return stopOnFailure(`The Agents Playground did not take port ${PLAYGROUND_PORT}.`);
    }
    if (stopping) return;
    printBanner(
      currentUser,
      labAdminIds.split(',').some((id) => id.trim() === currentUser.aadObjectId),
    );
  })();
  started.catch((error) => stopOnFailure(error.message));

  return exitCode;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exit(1);
  },
);
