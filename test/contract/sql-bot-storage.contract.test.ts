import assert from 'node:assert/strict';
import type { StoreItem } from 'botbuilder';
import { sql } from 'kysely';
import type { DatabaseHandle } from '../../src/adapters/sql/open-database';
import { MAX_STORAGE_KEY_BYTES, SqlBotStorage } from '../../src/adapters/sql/sql-bot-storage';
import { testDatabases } from './test-databases';

const CONVERSATION_KEY = 'msteams/28:2b3c4d5e/conversations/19:R7xW3kq8HnJd2VbYt5Lp@thread.tacv2';
const USER_KEY = 'msteams/28:2b3c4d5e/users/29:1camille';

/** How many turns race for the same item in the concurrency tests: more than one pooled connection. */
const RACERS = 8;

async function readOne(storage: SqlBotStorage, key: string): Promise<StoreItem | undefined> {
  const items = await storage.read([key]);
  return items[key] as StoreItem | undefined;
}

/**
 * Opens `count` pooled PostgreSQL connections ahead of a race, so the racers run side by side
 * instead of queueing behind connection set-up. SQLite has one connection: nothing to do.
 */
async function openConnections(database: DatabaseHandle, count: number): Promise<void> {
  if (database.dialect !== 'postgres') return;
  await Promise.all(
    Array.from({ length: count }, () => sql`select pg_sleep(0.05)`.execute(database.db)),
  );
}

for (const target of testDatabases()) {
  describe(`bot storage (${target.name})`, () => {
    let database: DatabaseHandle | undefined;
    let storage: SqlBotStorage;

    beforeEach(async () => {
      database = await target.open();
      storage = new SqlBotStorage(database.db);
    });

    afterEach(async () => {
      await database?.close();
      database = undefined;
    });

    it('reads back what was written, with an eTag', async () => {
      const state = { topic: 'candidacy', step: 2, answers: { team: 'Caf 33', accents: 'équipe' } };
      await storage.write({ [CONVERSATION_KEY]: state, [USER_KEY]: { locale: 'fr-FR' } });
      const items = await storage.read([CONVERSATION_KEY, USER_KEY]);
      const { eTag, ...rest } = items[CONVERSATION_KEY] as StoreItem;
      assert.deepEqual(rest, state);
      assert.equal(typeof eTag, 'string');
      assert.notEqual(eTag, '');
      assert.equal((items[USER_KEY] as StoreItem).locale, 'fr-FR');
    });

    it('omits keys that were never written', async () => {
      await storage.write({ [USER_KEY]: { locale: 'fr-FR' } });
      const items = await storage.read([USER_KEY, 'msteams/28:2b3c4d5e/users/29:1nobody']);
      assert.deepEqual(Object.keys(items), [USER_KEY]);
      assert.deepEqual(await storage.read([]), {});
    });

    it('stores a new eTag on every write', async () => {
      await storage.write({ [USER_KEY]: { visits: 1 } });
      const first = await readOne(storage, USER_KEY);
      await storage.write({ [USER_KEY]: { ...first, visits: 2 } });
      const second = await readOne(storage, USER_KEY);
      assert.equal(second?.visits, 2);
      assert.notEqual(second?.eTag, first?.eTag);
    });

    it('rejects a write carrying a stale eTag and keeps the newer item', async () => {
      await storage.write({ [USER_KEY]: { visits: 1 } });
      const read = await readOne(storage, USER_KEY);
      await storage.write({ [USER_KEY]: { ...read, visits: 2 } });
      await assert.rejects(storage.write({ [USER_KEY]: { ...read, visits: 99 } }), /eTag conflict/);
      assert.equal((await readOne(storage, USER_KEY))?.visits, 2);
    });

    it('overwrites whatever is stored when the eTag is * or missing', async () => {
      await storage.write({ [USER_KEY]: { visits: 1 } });
      await storage.write({ [USER_KEY]: { visits: 2, eTag: '*' } });
      assert.equal((await readOne(storage, USER_KEY))?.visits, 2);
      await storage.write({ [USER_KEY]: { visits: 3 } });
      assert.equal((await readOne(storage, USER_KEY))?.visits, 3);
    });

    it('creates an item written with an eTag when the key is new, as MemoryStorage does', async () => {
      await storage.write({ [USER_KEY]: { visits: 1, eTag: 'read-elsewhere' } });
      const stored = await readOne(storage, USER_KEY);
      assert.equal(stored?.visits, 1);
      assert.notEqual(stored?.eTag, 'read-elsewhere');
    });

    it('lets exactly one of several concurrent writes with the same eTag win', async () => {
      await storage.write({ [CONVERSATION_KEY]: { winner: 'none' } });
      const read = await readOne(storage, CONVERSATION_KEY);
      await openConnections(database!, RACERS);
      const outcomes = await Promise.allSettled(
        Array.from({ length: RACERS }, (_, index) =>
          new SqlBotStorage(database!.db).write({
            [CONVERSATION_KEY]: { ...read, winner: `turn-${index}` },
          }),
        ),
      );
      const won = outcomes.flatMap((outcome, index) =>
        outcome.status === 'fulfilled' ? [`turn-${index}`] : [],
      );
      assert.equal(won.length, 1);
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected') assert.match(String(outcome.reason), /eTag conflict/);
      }
      assert.equal((await readOne(storage, CONVERSATION_KEY))?.winner, won[0]);
    });

    it('lets exactly one of several concurrent first writes with an eTag create the key', async () => {
      await openConnections(database!, RACERS);
      const outcomes = await Promise.allSettled(
        Array.from({ length: RACERS }, (_, index) =>
          storage.write({ [CONVERSATION_KEY]: { winner: `turn-${index}`, eTag: 'stale' } }),
        ),
      );
      const won = outcomes.flatMap((outcome, index) =>
        outcome.status === 'fulfilled' ? [`turn-${index}`] : [],
      );
      assert.equal(won.length, 1);
      assert.equal((await readOne(storage, CONVERSATION_KEY))?.winner, won[0]);
    });

    it('writes nothing of a batch when one of its items conflicts', async () => {
      await storage.write({ [USER_KEY]: { visits: 1 } });
      await assert.rejects(
        storage.write({
          [CONVERSATION_KEY]: { topic: 'new' },
          [USER_KEY]: { visits: 2, eTag: 'not-the-stored-one' },
        }),
        /eTag conflict/,
      );
      assert.deepEqual(Object.keys(await storage.read([CONVERSATION_KEY, USER_KEY])), [USER_KEY]);
      assert.equal((await readOne(storage, USER_KEY))?.visits, 1);
    });

    it('deletes items and ignores keys that do not exist', async () => {
      await storage.write({ [CONVERSATION_KEY]: { topic: 'x' }, [USER_KEY]: { locale: 'fr-FR' } });
      await storage.delete([CONVERSATION_KEY, 'msteams/28:2b3c4d5e/users/29:1nobody']);
      assert.deepEqual(Object.keys(await storage.read([CONVERSATION_KEY, USER_KEY])), [USER_KEY]);
      await storage.delete([]);
      assert.deepEqual(Object.keys(await storage.read([USER_KEY])), [USER_KEY]);
    });

    it('writes again after a delete, with or without the old eTag', async () => {
      await storage.write({ [USER_KEY]: { visits: 1 } });
      const read = await readOne(storage, USER_KEY);
      await storage.delete([USER_KEY]);
      await storage.write({ [USER_KEY]: { ...read, visits: 5 } });
      assert.equal((await readOne(storage, USER_KEY))?.visits, 5);
    });

    it('accepts a key at the length limit and refuses a longer one, writing nothing', async () => {
      const longest = `msteams/${'k'.repeat(MAX_STORAGE_KEY_BYTES - 'msteams/'.length)}`;
      await storage.write({ [longest]: { ok: true } });
      assert.equal((await readOne(storage, longest))?.ok, true);

      const tooLong = `${longest}é`;
      await assert.rejects(
        storage.write({ [tooLong]: { ok: false } }),
        /Storage key is 1026 bytes long; at most 1024/,
      );
      await assert.rejects(storage.read([tooLong]), /at most 1024/);
      await assert.rejects(storage.delete([tooLong]), /at most 1024/);
    });

    it('refuses items that are not objects', async () => {
      await assert.rejects(storage.write({ [USER_KEY]: 'plain text' }), /must be plain objects/);
      await assert.rejects(storage.write({ [USER_KEY]: [1, 2] }), /must be plain objects/);
      assert.deepEqual(await storage.read([USER_KEY]), {});
    });
  });
}
