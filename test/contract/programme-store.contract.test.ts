import assert from 'node:assert/strict';
import type { DatabaseHandle } from '../../src/adapters/sql/open-database';
import { SqlProgrammeStore } from '../../src/adapters/sql/sql-programme-store';
import type { Programme } from '../../src/core/programmes/programme';
import { DEMO_PROGRAMME, seedDemoProgramme } from '../../src/demo/seed-demo-programme';
import { testDatabases } from './test-databases';

function edition(id: string, candidacyOpen: string): Programme {
  return {
    ...DEMO_PROGRAMME,
    id,
    name: `Édition ${id}`,
    milestones: { ...DEMO_PROGRAMME.milestones, candidacyOpen },
  };
}

for (const target of testDatabases()) {
  describe(`programme store (${target.name})`, () => {
    let database: DatabaseHandle | undefined;
    let store: SqlProgrammeStore;

    beforeEach(async () => {
      database = await target.open();
      store = new SqlProgrammeStore(database.db);
    });

    afterEach(async () => {
      await database?.close();
      database = undefined;
    });

    it('reads back a saved programme unchanged, accents and all', async () => {
      await store.save(DEMO_PROGRAMME);
      assert.deepEqual(await store.get(DEMO_PROGRAMME.id), DEMO_PROGRAMME);
      assert.equal(await store.get('absent'), undefined);
    });

    it('replaces a programme saved again under the same id', async () => {
      await store.save(DEMO_PROGRAMME);
      await store.save({ ...DEMO_PROGRAMME, seats: 42 });
      const all = await store.list();
      assert.equal(all.length, 1);
      assert.equal(all[0]?.seats, 42);
    });

    it('lists the most recent call first', async () => {
      await store.save(edition('defi-2022', '2022-03-01'));
      await store.save(edition('defi-2024', '2024-03-04'));
      await store.save(edition('defi-2023', '2023-03-06'));
      assert.deepEqual(
        (await store.list()).map((p) => p.id),
        ['defi-2024', 'defi-2023', 'defi-2022'],
      );
    });

    it('seeds the demo programme once', async () => {
      assert.equal(await seedDemoProgramme(store), true);
      assert.equal(await seedDemoProgramme(store), false);
      assert.equal((await store.list()).length, 1);
    });
  });
}
