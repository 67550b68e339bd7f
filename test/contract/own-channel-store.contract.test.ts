import assert from 'node:assert/strict';
import type { DatabaseHandle } from '../../src/adapters/sql/open-database';
import { SqlOwnChannelStore } from '../../src/adapters/sql/sql-own-channel-store';
import { testDatabases } from './test-databases';

for (const target of testDatabases()) {
  describe(`channels the bot created (${target.name})`, () => {
    let database: DatabaseHandle | undefined;

    beforeEach(async () => {
      database = await target.open();
    });

    afterEach(async () => {
      await database?.close();
      database = undefined;
    });

    it('keeps each programme’s own channels, once each, in the order they were made', async () => {
      const store = new SqlOwnChannelStore(database!.db);
      const one = { id: '19:one@thread.tacv2', displayName: 'Équipe 1' };
      const two = { id: '19:two@thread.tacv2', displayName: 'Équipe 2' };
      await store.record('defi-2026', one, new Date('2026-05-12T09:00:00Z'));
      await store.record('defi-2026', two, new Date('2026-05-12T09:01:00Z'));
      await store.record('defi-2026', one, new Date('2026-05-12T09:02:00Z'));
      await store.record('defi-2027', two, new Date('2027-05-12T09:00:00Z'));
      assert.deepEqual(await store.list('defi-2026'), [one, two]);
      assert.deepEqual(await store.list('defi-2027'), [two]);
      assert.deepEqual(await store.list('another'), []);
    });
  });
}
