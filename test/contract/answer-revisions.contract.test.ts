import assert from 'node:assert/strict';
import type { DatabaseHandle } from '../../src/adapters/sql/open-database';
import { SqlCheckinStore } from '../../src/adapters/sql/sql-checkin-store';
import { SqlReviewStore } from '../../src/adapters/sql/sql-review-store';
import type { ReviewAnswer } from '../../src/core/follow-up/review-answer';
import { aCheckinAnswer } from '../support/follow-up-fakes';
import { testDatabases } from './test-databases';

function aReviewAnswer(revision: number, results: string): ReviewAnswer {
  return {
    programmeId: 'defi-du-lab-2026',
    teamId: 'team-2',
    review: 'december',
    kind: 'preparation',
    fields: { results, indicators: '', decisionsNeeded: '', nextSteps: '' },
    answeredBy: { aadId: 'lead', name: 'Camille Martin' },
    answeredAt: new Date('2026-12-01T09:00:00Z'),
    revision,
  };
}

for (const target of testDatabases()) {
  describe(`answers saved over the revision they were made from (${target.name})`, () => {
    let database: DatabaseHandle | undefined;

    beforeEach(async () => {
      database = await target.open();
    });

    afterEach(async () => {
      await database?.close();
      database = undefined;
    });

    it('saves a check-in answer over the revision before it, and refuses a second one over the same', async () => {
      const store = new SqlCheckinStore(database!.db);
      assert.equal(await store.save(aCheckinAnswer({ revision: 1, done: 'un' })), true);
      assert.equal(await store.save(aCheckinAnswer({ revision: 1, done: 'deux' })), false);
      assert.equal(await store.save(aCheckinAnswer({ revision: 2, done: 'trois' })), true);
      assert.equal(await store.save(aCheckinAnswer({ revision: 2, done: 'quatre' })), false);
      assert.equal(await store.save(aCheckinAnswer({ revision: 4, done: 'cinq' })), false);
      const stored = await store.get('defi-du-lab-2026', 'team-2', aCheckinAnswer().month);
      assert.equal(stored?.done, 'trois');
      assert.equal(stored?.revision, 2);
    });

    it('lets one of two concurrent first answers through, whichever comes first', async () => {
      const store = new SqlCheckinStore(database!.db);
      const results = await Promise.all([
        store.save(aCheckinAnswer({ revision: 1, done: 'a' })),
        store.save(aCheckinAnswer({ revision: 1, done: 'b' })),
      ]);
      assert.deepEqual([...results].sort(), [false, true]);
    });

    it('saves a review answer over the revision before it only', async () => {
      const store = new SqlReviewStore(database!.db);
      assert.equal(await store.save(aReviewAnswer(1, 'un')), true);
      assert.equal(await store.save(aReviewAnswer(1, 'deux')), false);
      assert.equal(await store.save(aReviewAnswer(2, 'trois')), true);
      const stored = await store.get('defi-du-lab-2026', 'team-2', 'december', 'preparation');
      assert.equal(stored?.kind === 'preparation' && stored.fields.results, 'trois');
    });
  });
}
