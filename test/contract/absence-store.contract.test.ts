import assert from 'node:assert/strict';
import type { DatabaseHandle } from '../../src/adapters/sql/open-database';
import { SqlAbsenceStore } from '../../src/adapters/sql/sql-absence-store';
import { testDatabases } from './test-databases';

const NATHALIE = '7b4d9f7c-8e0a-4cd6-8f1b-2d7e5a3c0f86';

for (const target of testDatabases()) {
  describe(`absence store (${target.name})`, () => {
    let database: DatabaseHandle | undefined;
    let store: SqlAbsenceStore;

    beforeEach(async () => {
      database = await target.open();
      store = new SqlAbsenceStore(database.db);
    });

    afterEach(async () => {
      await database?.close();
      database = undefined;
    });

    it('keeps the latest absence of a person, whatever the case of their id', async () => {
      await store.set({
        aadId: NATHALIE,
        until: '2026-10-09',
        declaredAt: new Date('2026-09-30T08:00:00.000Z'),
      });
      await store.set({
        aadId: NATHALIE.toUpperCase(),
        until: '2026-10-16',
        declaredAt: new Date('2026-10-05T08:00:00.000Z'),
      });
      assert.deepEqual(await store.get(NATHALIE), {
        aadId: NATHALIE,
        until: '2026-10-16',
        declaredAt: new Date('2026-10-05T08:00:00.000Z'),
      });
    });

    it('ends an absence, and ignores ending one that does not exist', async () => {
      await store.set({
        aadId: NATHALIE,
        until: '2026-10-09',
        declaredAt: new Date('2026-09-30T08:00:00.000Z'),
      });
      await store.clear(NATHALIE);
      await store.clear(NATHALIE);
      assert.equal(await store.get(NATHALIE), undefined);
    });
  });
}
