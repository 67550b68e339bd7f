import assert from 'node:assert/strict';
import type { DatabaseHandle } from '../../src/adapters/sql/open-database';
import { SqlFormationDraftStore } from '../../src/adapters/sql/sql-formation-draft-store';
import type { FormationDraft } from '../../src/core/formation/formation-draft';
import { testDatabases } from './test-databases';

const draft: FormationDraft = {
  programmeId: 'defi-du-lab-2026',
  seed: 3,
  teamCount: 2,
  minSize: 1,
  maxSize: 2,
  userLocks: [{ person: 'a', team: 1 }],
  assignment: [
    { person: 'a', team: 1 },
    { person: 'b', team: 0 },
  ],
  updatedAt: new Date('2026-05-28T08:00:00.000Z'),
  updatedBy: 'lab-admin',
};

for (const target of testDatabases()) {
  describe(`formation draft store (${target.name})`, () => {
    let database: DatabaseHandle | undefined;
    let store: SqlFormationDraftStore;

    beforeEach(async () => {
      database = await target.open();
      store = new SqlFormationDraftStore(database.db);
    });

    afterEach(async () => {
      await database?.close();
      database = undefined;
    });

    it('reads back the draft being edited, date included', async () => {
      await store.save(draft);
      assert.deepEqual(await store.get('defi-du-lab-2026'), draft);
      assert.equal(await store.get('other'), undefined);
    });

    it('keeps one draft per programme, the latest', async () => {
      await store.save(draft);
      await store.save({ ...draft, seed: 4 });
      assert.equal((await store.get('defi-du-lab-2026'))?.seed, 4);
    });

    it('forgets the draft once the formation is confirmed', async () => {
      await store.save(draft);
      await store.delete('defi-du-lab-2026');
      assert.equal(await store.get('defi-du-lab-2026'), undefined);
    });
  });
}
