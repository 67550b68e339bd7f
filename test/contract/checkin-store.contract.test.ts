import assert from 'node:assert/strict';
import type { DatabaseHandle } from '../../src/adapters/sql/open-database';
import { SqlCheckinStore } from '../../src/adapters/sql/sql-checkin-store';
import { aCheckinAnswer } from '../support/follow-up-fakes';
import { testDatabases } from './test-databases';

for (const target of testDatabases()) {
  describe(`check-in store (${target.name})`, () => {
    let database: DatabaseHandle | undefined;
    let store: SqlCheckinStore;

    beforeEach(async () => {
      database = await target.open();
      store = new SqlCheckinStore(database.db);
    });

    afterEach(async () => {
      await database?.close();
      database = undefined;
    });

    it('gives back an answer exactly as saved, dates and indicators included', async () => {
      const answer = aCheckinAnswer({
        help: { category: 'data', text: 'Accès aux chiffres de turnover' },
        indicators: { 'agents-touches': 42, 'prochaine-etape': 'Pilote à Lille' },
        late: true,
        revision: 2,
        firstAnsweredAt: new Date('2026-10-01T09:15:00.123Z'),
      });
      await store.save(answer);
      assert.deepEqual(await store.get(answer.programmeId, answer.teamId, answer.month), answer);
      assert.equal(await store.get(answer.programmeId, answer.teamId, '2026-11'), undefined);
      assert.equal(await store.get('other', answer.teamId, answer.month), undefined);
    });

    it('keeps one answer per team and month: an edit replaces it', async () => {
      await store.save(aCheckinAnswer({ progress: 10 }));
      const edit = aCheckinAnswer({
        progress: 20,
        status: 'blocked',
        revision: 2,
        answeredAt: new Date('2026-10-05T10:00:00.000Z'),
        answeredBy: { aadId: '0b7e8f9a-1c2d-4e3f-9a8b-7c6d5e4f3a2b', name: 'Nadia Benali' },
      });
      await store.save(edit);
      const listed = await store.listByTeam(edit.programmeId, edit.teamId);
      assert.deepEqual(listed, [edit]);
    });

    it('lists a team’s answers oldest month first, and no other team’s', async () => {
      await store.save(aCheckinAnswer({ month: '2026-11' }));
      await store.save(aCheckinAnswer({ month: '2026-09' }));
      await store.save(aCheckinAnswer({ month: '2026-10', teamId: 'team-3' }));
      assert.deepEqual(
        (await store.listByTeam('defi-du-lab-2026', 'team-2')).map((a) => a.month),
        ['2026-09', '2026-11'],
      );
    });
  });
}
