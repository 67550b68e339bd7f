import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openDatabase, type DatabaseHandle } from '../../src/adapters/sql/open-database';
import { testDatabaseUrl, testDatabases } from './test-databases';

async function migrationNames(handle: DatabaseHandle): Promise<string[]> {
  const result = await sql<{
    name: string;
  }>`select name from kysely_migration order by name`.execute(handle.db);
  return result.rows.map((row) => row.name);
}

async function recordVisit(handle: DatabaseHandle, aadId: string): Promise<void> {
  await handle.db
    .insertInto('user_contexts')
    .values({ aad_id: aadId, locale: 'fr-FR', timezone: null, seen_at: '2026-11-21T04:43:19.000Z' })
    .execute();
}

async function visitors(handle: DatabaseHandle): Promise<string[]> {
  const rows = await handle.db.selectFrom('user_contexts').select('aad_id').execute();
  return rows.map((row) => row.aad_id);
}

function uniqueSchema(): string {
  return `contract_open_${process.pid}_${randomBytes(6).toString('hex')}`;
}

async function dropSchema(schema: string): Promise<void> {
  const handle = await openDatabase({ databaseUrl: testDatabaseUrl(), sqlitePath: '', schema });
  await sql`drop schema ${sql.id(schema)} cascade`.execute(handle.db);
  await handle.close();
}

/**
 * A loopback TCP relay to the test PostgreSQL server, so a test can make the server vanish
 * (connections reset, new ones refused) or go silent (bytes stop flowing) under a live pool.
 */
async function startRelay(target: URL): Promise<{
  url: string;
  silence(): void;
  cut(): Promise<void>;
}> {
  const sockets = new Set<Socket>();
  let silent = false;
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => sockets.delete(socket));
    }
    client.on('data', (chunk) => silent || upstream.write(chunk));
    upstream.on('data', (chunk) => silent || client.write(chunk));
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  assert.ok(address !== null && typeof address === 'object');
  const url = new URL(target);
  url.host = `127.0.0.1:${address.port}`;
  return {
    url: url.toString(),
    silence: () => {
      silent = true;
    },
    cut: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

for (const target of testDatabases()) {
  describe(`opening the database (${target.name})`, () => {
    it('answers ping while open, not after close, and closes twice without error', async () => {
      const handle = await target.open();
      assert.equal(handle.dialect, target.name);
      assert.equal(await handle.ping(), true);
      await handle.close();
      assert.equal(await handle.ping(), false);
      await handle.close();
    });

    it('records the foundation migration in the migration table', async () => {
      const handle = await target.open();
      try {
        assert.ok((await migrationNames(handle)).includes('0001_foundation'));
        assert.deepEqual(await visitors(handle), []);
      } finally {
        await handle.close();
      }
    });
  });
}

describe('opening the database (sqlite file)', () => {
  let directory: string;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'labbot-open-'));
  });

  afterEach(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  it('creates the missing parent directories and uses WAL with foreign keys on', async () => {
    const path = join(directory, 'data', 'nested', 'labbot.sqlite');
    const handle = await openDatabase({ sqlitePath: path });
    try {
      assert.equal(handle.dialect, 'sqlite');
      assert.ok(existsSync(path));
      const journal = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(handle.db);
      assert.deepEqual(journal.rows, [{ journal_mode: 'wal' }]);
      const keys = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(handle.db);
      assert.deepEqual(keys.rows, [{ foreign_keys: 1 }]);
      const busy = await sql<{ timeout: number }>`pragma busy_timeout`.execute(handle.db);
      assert.ok((busy.rows[0]?.timeout ?? 0) > 0);
    } finally {
      await handle.close();
    }
  });

  it('opens a migrated file again, keeping its data and applying nothing twice', async () => {
    const path = join(directory, 'labbot.sqlite');
    const first = await openDatabase({ sqlitePath: path });
    await recordVisit(first, 'camille');
    const applied = await migrationNames(first);
    await first.close();

    const second = await openDatabase({ sqlitePath: path });
    try {
      assert.deepEqual(await visitors(second), ['camille']);
      assert.deepEqual(await migrationNames(second), applied);
      assert.ok(applied.includes('0001_foundation'));
    } finally {
      await second.close();
    }
  });

  it('names the path when the file cannot be opened', async () => {
    const blocker = join(directory, 'not-a-directory');
    const first = await openDatabase({ sqlitePath: blocker });
    await first.close();
    await assert.rejects(
      openDatabase({ sqlitePath: join(blocker, 'labbot.sqlite') }),
      /Cannot open the SQLite database at .*not-a-directory/,
    );
  });
});

describe('opening the database (postgres server)', () => {
  it('opens a migrated schema again, keeping its data and applying nothing twice', async () => {
    const schema = uniqueSchema();
    try {
      const first = await openDatabase({ databaseUrl: testDatabaseUrl(), sqlitePath: '', schema });
      await recordVisit(first, 'camille');
      const applied = await migrationNames(first);
      await first.close();

      const second = await openDatabase({ databaseUrl: testDatabaseUrl(), sqlitePath: '', schema });
      try {
        assert.deepEqual(await visitors(second), ['camille']);
        assert.deepEqual(await migrationNames(second), applied);
        assert.ok(applied.includes('0001_foundation'));
      } finally {
        await second.close();
      }
    } finally {
      await dropSchema(schema);
    }
  });

  it('keeps two schemas apart', async () => {
    const postgres = testDatabases().find((candidate) => candidate.name === 'postgres');
    assert.ok(postgres !== undefined);
    const [one, other] = await Promise.all([postgres.open(), postgres.open()]);
    try {
      await recordVisit(one, 'camille');
      assert.deepEqual(await visitors(one), ['camille']);
      assert.deepEqual(await visitors(other), []);
    } finally {
      await Promise.all([one.close(), other.close()]);
    }
  });

  it('refuses to start when the server is unreachable, without revealing the password', async () => {
    const error = await openDatabase({
      databaseUrl: 'postgres://labbot:s3cr3t-pw@127.0.0.1:1/labbot?sslmode=disable',
      sqlitePath: '',
    }).then(
      () => assert.fail('opened a database that does not exist'),
      (reason: unknown) => reason,
    );
    assert.ok(error instanceof Error);
    assert.match(
      error.message,
      /^Cannot reach PostgreSQL at postgres:\/\/127\.0\.0\.1:1\/labbot: /,
    );
    assert.doesNotMatch(error.message, /s3cr3t-pw/);
  });

  it('refuses a schema name that would need quoting', async () => {
    await assert.rejects(
      openDatabase({ databaseUrl: testDatabaseUrl(), sqlitePath: '', schema: 'Robert"; drop' }),
      /Invalid PostgreSQL schema name/,
    );
  });

  it('reports the database down once the server goes away', async () => {
    const schema = uniqueSchema();
    const relay = await startRelay(new URL(testDatabaseUrl()));
    try {
      const handle = await openDatabase({ databaseUrl: relay.url, sqlitePath: '', schema });
      assert.equal(await handle.ping(), true);
      await relay.cut();
      assert.equal(await handle.ping(), false);
      await handle.close();
    } finally {
      await relay.cut();
      await dropSchema(schema);
    }
  });

  it('reports the database down when it stops answering, within the ping timeout', async () => {
    const schema = uniqueSchema();
    const relay = await startRelay(new URL(testDatabaseUrl()));
    try {
      const handle = await openDatabase({ databaseUrl: relay.url, sqlitePath: '', schema });
      relay.silence();
      const started = Date.now();
      assert.equal(await handle.ping(), false);
      const elapsed = Date.now() - started;
      assert.ok(elapsed >= 1_500 && elapsed < 5_000, `ping gave up after ${elapsed} ms`);
      // Resetting the connections releases the query still waiting, so close() can finish.
      await relay.cut();
      await handle.close();
    } finally {
      await relay.cut();
      await dropSchema(schema);
    }
  });
});
