import assert from 'node:assert/strict';
import type { DatabaseHandle } from '../../src/adapters/sql/open-database';
import { SqlOccurrenceStore } from '../../src/adapters/sql/sql-occurrence-store';
import { testDatabases } from './test-databases';

const T0 = new Date('2026-10-01T07:30:00.000Z');
const at = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);
const KEY = 'checkin:2026-10:team-7';

for (const target of testDatabases()) {
  describe(`occurrence store (${target.name})`, () => {
    let database: DatabaseHandle | undefined;
    let store: SqlOccurrenceStore;

    beforeEach(async () => {
      database = await target.open();
      store = new SqlOccurrenceStore(database.db);
    });

    afterEach(async () => {
      await database?.close();
      database = undefined;
    });

    it('lets exactly one owner claim an occurrence while its lease is live', async () => {
      assert.equal(await store.claim(KEY, 'instance-a', at(0), at(10)), 'claimed');
      assert.equal(await store.claim(KEY, 'instance-b', at(1), at(11)), 'held');
    });

    it('says done once the occurrence ran, to every later caller', async () => {
      await store.claim(KEY, 'instance-a', at(0), at(10));
      await store.markDone(KEY, 'instance-a', at(2));
      assert.equal(await store.claim(KEY, 'instance-b', at(60), at(70)), 'done');
      assert.deepEqual(await store.listDone([KEY, 'checkin:2026-10:team-8']), new Set([KEY]));
    });

    it('hands an occurrence over when its owner died and the lease ran out', async () => {
      await store.claim(KEY, 'instance-a', at(0), at(10));
      assert.equal(await store.claim(KEY, 'instance-b', at(11), at(21)), 'claimed');
      // The dead owner's late "done" must not count: only the current owner's does.
      await store.markDone(KEY, 'instance-a', at(12));
      assert.deepEqual(await store.listDone([KEY]), new Set());
      await store.markDone(KEY, 'instance-b', at(13));
      assert.deepEqual(await store.listDone([KEY]), new Set([KEY]));
    });

    it('makes a released occurrence claimable again at once', async () => {
      await store.claim(KEY, 'instance-a', at(0), at(10));
      await store.release(KEY, 'instance-a', 'connector unreachable');
      assert.equal(await store.claim(KEY, 'instance-a', at(1), at(11)), 'claimed');
    });

    it('never lets two concurrent claimers both win', async () => {
      const claims = await Promise.all(
        Array.from({ length: 8 }, (_, i) => store.claim(KEY, `instance-${i}`, at(0), at(10))),
      );
      assert.equal(claims.filter((c) => c === 'claimed').length, 1);
    });

    it('answers listDone for more keys than one statement binds', async () => {
      const keys = Array.from({ length: 1200 }, (_, i) => `checkin:2026-10:team-${i}`);
      for (const key of keys.slice(0, 3)) {
        await store.claim(key, 'a', at(0), at(10));
        await store.markDone(key, 'a', at(1));
      }
      assert.equal((await store.listDone(keys)).size, 3);
    });
  });
}
