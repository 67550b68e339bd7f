import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { DatabaseHandle } from '../../src/adapters/sql/open-database';
import { SqlLabSessionStore } from '../../src/adapters/sql/sql-lab-session-store';
import { SqlPersonalDataStore } from '../../src/adapters/sql/sql-personal-data-store';
import type { NewParticipant } from '../../src/core/lab-sessions/session-participant';
import type { Pseudonym } from '../../src/core/ports/personal-data-store';
import { makeRequest, REQUESTER } from '../support/lab-session-fixtures';
import { testDatabases } from './test-databases';

const MARIE = '3f2a9c1e-0d4b-4e8a-9b7c-5a6d1e2f3a4b';
const AT = new Date('2026-11-21T10:00:00.000Z');
const PSEUDONYM: Pseudonym = {
  aadId: 'pseudonym-7f3a0000aaaa1111',
  name: 'Personne 7f3a',
  email: 'personne-7f3a@pseudonyme.invalid',
};

const listed = (over: Partial<NewParticipant> & { id: string }): NewParticipant => ({
  kind: 'internal',
  aadId: null,
  email: null,
  name: '',
  addedBy: REQUESTER.aadId,
  addedAt: AT,
  ...over,
});

for (const target of testDatabases()) {
  describe(`Lab session participants in "my data" and erasure (${target.name})`, () => {
    let database: DatabaseHandle | undefined;
    let store: SqlPersonalDataStore;
    let sessions: SqlLabSessionStore;

    beforeEach(async () => {
      database = await target.open();
      store = new SqlPersonalDataStore(database.db);
      sessions = new SqlLabSessionStore(database.db);
      await database.db
        .insertInto('people')
        .values({
          aad_id: MARIE,
          email: 'marie.dupont@caf44.fr',
          name: 'Marie Dupont',
          seen_at: AT.toISOString(),
        })
        .execute();
      await sessions.insert(makeRequest());
      await sessions.addParticipants(
        'req-1',
        [
          listed({ id: 'p-1', aadId: MARIE, email: 'marie.dupont@caf44.fr', name: 'DUPONT Marie' }),
          listed({ id: 'p-2', kind: 'external', email: 'ana.lopez@onem.be', name: 'Ana Lopez' }),
          listed({ id: 'p-3', kind: 'external', email: 'zoe@onem.be', name: 'Zoé Durand' }),
        ],
        120,
      );
    });

    afterEach(async () => {
      await database?.close();
      database = undefined;
    });

    async function rows(): Promise<string> {
      const found = await sql`select * from lab_session_participants order by position`.execute(
        database!.db,
      );
      return JSON.stringify(found.rows).toLowerCase();
    }

    it('gives a participant their own row, and nobody else’s', async () => {
      const snapshot = await store.collect((await store.findPerson(MARIE))!);
      const mine = snapshot.labSessions.lab_session_participants ?? [];
      assert.deepEqual(
        mine.map((row) => row.id),
        ['p-1'],
      );
      // The requester added everyone: the guests' names are not theirs to download.
      const requester = await store.collect({ aadId: REQUESTER.aadId, email: null, name: null });
      assert.deepEqual(requester.labSessions.lab_session_participants, []);
    });

    it('finds an external guest by their address alone and erases them, the others staying', async () => {
      const guest = await store.findPerson('Ana.Lopez@onem.be');
      assert.equal(guest?.email, 'ana.lopez@onem.be');
      assert.equal(guest?.name, 'Ana Lopez');
      assert.deepEqual(
        (await store.collect(guest)).labSessions.lab_session_participants?.map((r) => r.id),
        ['p-2'],
      );
      await store.erase(guest, PSEUDONYM, {
        at: AT,
        actor: 'admin',
        action: 'personalData.erasure',
        programmeId: '',
        subjectId: PSEUDONYM.aadId,
        details: {},
      });
      const text = await rows();
      assert.ok(!text.includes('ana'), text);
      assert.ok(!text.includes('lopez'), text);
      assert.ok(text.includes('personne 7f3a'));
      assert.ok(text.includes('zoé durand') && text.includes('dupont marie'), 'the others stay');
      assert.equal((await sessions.listParticipants('req-1')).length, 3, 'the count stays');
    });

    it('erases an internal participant listed under another spelling of their name', async () => {
      await store.erase((await store.findPerson(MARIE))!, PSEUDONYM, {
        at: AT,
        actor: 'admin',
        action: 'personalData.erasure',
        programmeId: '',
        subjectId: PSEUDONYM.aadId,
        details: {},
      });
      const text = await rows();
      for (const needle of [MARIE, 'marie', 'dupont', 'caf44']) {
        assert.ok(!text.includes(needle), `${needle} is still stored`);
      }
    });

    it('replaces the id of whoever added people when they are erased', async () => {
      await store.erase({ aadId: REQUESTER.aadId, email: null, name: REQUESTER.name }, PSEUDONYM, {
        at: AT,
        actor: 'admin',
        action: 'personalData.erasure',
        programmeId: '',
        subjectId: PSEUDONYM.aadId,
        details: {},
      });
      assert.ok(!(await rows()).includes(REQUESTER.aadId));
    });
  });
}
