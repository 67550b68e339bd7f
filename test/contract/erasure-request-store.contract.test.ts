import assert from 'node:assert/strict';
import type { DatabaseHandle } from '../../src/adapters/sql/open-database';
import { SqlAuditLog } from '../../src/adapters/sql/sql-audit-log';
import { SqlErasureRequestStore } from '../../src/adapters/sql/sql-erasure-request-store';
import { SqlPersonalDataStore } from '../../src/adapters/sql/sql-personal-data-store';
import { RETENTION_DEFAULTS } from '../../src/core/personal-data/personal-data-register';
import { runRetention } from '../../src/core/personal-data/run-retention';
import { toPseudonym } from '../../src/core/personal-data/to-pseudonym';
import type { ErasureRequest } from '../../src/core/ports/erasure-request-store';
import { testDatabases } from './test-databases';

const MARIE = '3f2a9c1e-0d4b-4e8a-9b7c-5a6d1e2f3a4b';
const AT = '2026-11-20T08:00:00.000Z';

function request(overrides: Partial<ErasureRequest> = {}): ErasureRequest {
  return {
    id: 'req-1',
    aadId: MARIE,
    programmeIds: ['defi-2026'],
    requestedAt: new Date(AT),
    eraseAfter: '2027-03-31',
    state: 'pending',
    decidedBy: null,
    decidedAt: null,
    ...overrides,
  };
}

for (const target of testDatabases()) {
  describe(`erasure request store (${target.name})`, () => {
    let database: DatabaseHandle | undefined;
    let store: SqlErasureRequestStore;

    beforeEach(async () => {
      database = await target.open();
      store = new SqlErasureRequestStore(database.db);
    });

    afterEach(async () => {
      await database?.close();
      database = undefined;
    });

    it('names the programmes where the person is placed in a team or holds a seat', async () => {
      const db = database!.db;
      await db
        .insertInto('programme_team_people')
        .values({ programme_id: 'defi-2026', team_id: 't1', aad_id: MARIE, role: 'lead' })
        .execute();
      const candidacy = (id: string, programme: string, status: string) => ({
        id,
        programme_id: programme,
        applicant_aad_id: MARIE.toUpperCase(),
        applicant_name: 'Marie Dupont',
        organisation_id: 'cnav',
        mode: 'individual',
        status,
        seat_count: 1,
        answers: '{}',
        consent_at: AT,
        submitted_at: AT,
        updated_at: AT,
        decided_at: null,
        decided_by: null,
        waitlisted_at: null,
        confirm_by: null,
        confirmed_at: null,
      });
      await db
        .insertInto('candidacies')
        .values([
          candidacy('c-1', 'defi-2027', 'confirmed'),
          candidacy('c-2', 'defi-2028', 'declined'),
        ])
        .execute();
      assert.deepEqual(await store.programmesNeeding(MARIE), ['defi-2026', 'defi-2027']);
      assert.deepEqual(await store.programmesNeeding('someone-else'), []);
    });

    it('keeps one open request, decided once even when two Lab members race', async () => {
      await store.create(request());
      assert.equal((await store.findOpen(MARIE.toUpperCase()))?.id, 'req-1');
      const at = new Date(AT);
      const results = await Promise.all([
        store.decide('req-1', ['pending'], 'deferred', 'lab-1', at),
        store.decide('req-1', ['pending'], 'erased', 'lab-2', at),
      ]);
      assert.deepEqual(results.filter(Boolean).length, 1);
      assert.equal(await store.decide('req-1', ['pending'], 'erased', 'lab-3', at), false);
      assert.equal(await store.decide('missing', ['pending'], 'erased', 'lab-3', at), false);
    });

    it('lists open requests whose programmes ended, and the retention job carries them out once', async () => {
      const db = database!.db;
      await db
        .insertInto('user_contexts')
        .values({ aad_id: MARIE, locale: 'fr-FR', timezone: null, seen_at: AT })
        .execute();
      await store.create(request({ state: 'deferred' }));
      assert.deepEqual(await store.listDue('2027-03-31'), [], 'not on the last day itself');
      assert.equal((await store.listDue('2027-04-01')).length, 1);
      const deps = {
        store: new SqlPersonalDataStore(db),
        pseudonymOf: () => toPseudonym('7f3a0000aaaa1111bbbb'),
        audit: new SqlAuditLog(db),
        requests: store,
      };
      const run = (today: string) =>
        runRetention(deps, {
          programmes: [],
          now: new Date(`${today}T02:30:00.000Z`),
          today,
          durations: RETENTION_DEFAULTS,
        });
      assert.equal((await run('2027-03-31')).erasures, undefined);
      assert.equal((await db.selectFrom('user_contexts').selectAll().execute()).length, 1);
      assert.equal((await run('2027-04-01')).erasures, 1);
      assert.equal((await db.selectFrom('user_contexts').selectAll().execute()).length, 0);
      assert.equal((await store.get('req-1'))?.state, 'erased');
      assert.equal((await run('2027-04-02')).erasures, undefined);
    });
  });
}
