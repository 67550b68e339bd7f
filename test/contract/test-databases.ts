import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { openDatabase, type DatabaseHandle } from '../../src/adapters/sql/open-database';
import { resolvePostgresUrl } from '../../src/adapters/sql/resolve-postgres-url';
import { MACHINE_DATABASE_URL } from '../support/postgres-fixture';

/**
 * The PostgreSQL server the suites use, as chosen by the global fixture
 * (test/support/postgres-fixture.ts): read when a test runs, since mocha loads the test files
 * before the fixture has chosen.
 */
export function testDatabaseUrl(): string {
  return process.env.TEST_DATABASE_URL ?? MACHINE_DATABASE_URL;
}

/** A database a contract suite runs against; each open() gives a fresh, empty, migrated one. */
export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  open(): Promise<DatabaseHandle>;
}

/**
 * SQLite (a temporary file) and PostgreSQL (a schema of its own per open(), dropped on close),
 * for `for (const target of testDatabases()) describe(target.name, …)`. An unreachable
 * PostgreSQL fails the suite: a contract checked on one dialect only is not checked.
 */
export function testDatabases(postgresUrl?: string): TestDatabase[] {
  return [
    { name: 'sqlite', open: openSqlite },
    { name: 'postgres', open: () => openPostgres(postgresUrl ?? testDatabaseUrl()) },
  ];
}

async function openSqlite(): Promise<DatabaseHandle> {
  const directory = mkdtempSync(join(tmpdir(), 'labbot-contract-'));
  const handle = await openDatabase({ sqlitePath: join(directory, 'test.sqlite') });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

async function openPostgres(url: string): Promise<DatabaseHandle> {
  await assertReachable(url);
  const schema = `contract_${process.pid}_${randomBytes(6).toString('hex')}`;
  const handle = await openDatabase({ databaseUrl: url, sqlitePath: '', schema });
  let closing: Promise<void> | undefined;
  return {
    ...handle,
    close: () => {
      closing ??= (async () => {
        await handle.close();
        await withClient(url, (client) => client.query(`drop schema if exists ${schema} cascade`));
      })();
      return closing;
    },
  };
}

async function assertReachable(url: string): Promise<void> {
  try {
    await withClient(url, (client) => client.query('select 1'));
  } catch (error) {
    const reason =
      error instanceof AggregateError
        ? error.errors.map(String).join('; ')
        : error instanceof Error
          ? error.message
          : String(error);
    throw new Error(
      `The PostgreSQL server at ${url} is unreachable (${reason}). The contract suites need it: ` +
        'start it, or point TEST_DATABASE_URL at one.',
      { cause: error },
    );
  }
}

/** Refused connections fail at once; this bounds a silent network, well under mocha's 20 s timeout. */
const CONNECT_TIMEOUT_MS = 5_000;

async function withClient<T>(url: string, use: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({
    connectionString: resolvePostgresUrl(url),
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}
