import assert from 'node:assert/strict';
import type { DatabaseHandle } from '../../src/adapters/sql/open-database';
import { SqlReviewStore } from '../../src/adapters/sql/sql-review-store';
import type { ReviewAnswer } from '../../src/core/follow-up/review-answer';
import { testDatabases } from './test-databases';

const preparation = (review: 'december' | 'march', revision = 1): ReviewAnswer => ({
  kind: 'preparation',
  programmeId: 'defi-du-lab-2026',
  teamId: 'team-1',
  review,
  fields: {
    results: '12 agents accompagnés',
    indicators: 'taux de départ : -3 points',
    decisionsNeeded: 'Financement du kit',
    nextSteps: 'Étendre à deux services',
  },
  answeredBy: { aadId: '1c9e4a27-3f5b-4d81-9a6c-7e2f0b8d5a31', name: 'Maëlys Horth' },
  answeredAt: new Date('2026-12-01T13:00:00.000Z'),
  revision,
});

const outcome = (review: 'december' | 'march'): ReviewAnswer => ({
  kind: 'outcome',
  programmeId: 'defi-du-lab-2026',
  teamId: 'team-1',
  review,
  fields: { decision: 'scale-up', nextSteps: 'Présenter au réseau', owner: 'Claire Dubois' },
  answeredBy: { aadId: 'a1b2c3d4-0001-4a00-8000-00000000f001', name: 'Claire Dubois' },
  answeredAt: new Date('2026-12-11T10:00:00.000Z'),
  revision: 1,
});

for (const target of testDatabases()) {
  describe(`review store (${target.name})`, () => {
    let database: DatabaseHandle | undefined;
    let store: SqlReviewStore;

    beforeEach(async () => {
      database = await target.open();
      store = new SqlReviewStore(database.db);
    });

    afterEach(async () => {
      await database?.close();
      database = undefined;
    });

    it('gives back a preparation and an outcome as saved, each under its own kind', async () => {
      await store.save(preparation('december'));
      await store.save(outcome('december'));
      assert.deepEqual(
        await store.get('defi-du-lab-2026', 'team-1', 'december', 'preparation'),
        preparation('december'),
      );
      assert.deepEqual(
        await store.get('defi-du-lab-2026', 'team-1', 'december', 'outcome'),
        outcome('december'),
      );
      assert.equal(await store.get('defi-du-lab-2026', 'team-1', 'march', 'outcome'), undefined);
    });

    it('replaces an edited answer and lists December before March, preparation before outcome', async () => {
      await store.save(outcome('march'));
      await store.save(preparation('march'));
      await store.save(outcome('december'));
      await store.save(preparation('december'));
      await store.save(preparation('december', 2));
      const listed = await store.listByTeam('defi-du-lab-2026', 'team-1');
      assert.deepEqual(
        listed.map((a) => [a.review, a.kind, a.revision]),
        [
          ['december', 'preparation', 2],
          ['december', 'outcome', 1],
          ['march', 'preparation', 1],
          ['march', 'outcome', 1],
        ],
      );
      assert.deepEqual(await store.listByTeam('defi-du-lab-2026', 'team-2'), []);
    });
  });
}
