import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { DatabaseHandle } from '../../src/adapters/sql/open-database';
import { SqlLabSessionStore } from '../../src/adapters/sql/sql-lab-session-store';
import {
  FACILITATOR_A,
  FACILITATOR_B,
  REQUESTER,
  makeRequest,
} from '../support/lab-session-fixtures';
import {
  PARTICIPANT_STATUSES,
  type NewParticipant,
} from '../../src/core/lab-sessions/session-participant';
import { testDatabases } from './test-databases';

for (const target of testDatabases()) {
  describe(`lab session store (${target.name})`, () => {
    let database: DatabaseHandle | undefined;
    let store: SqlLabSessionStore;

    beforeEach(async () => {
      database = await target.open();
      store = new SqlLabSessionStore(database.db);
    });

    afterEach(async () => {
      await database?.close();
      database = undefined;
    });

    it('numbers the requests of each year from 1, without two alike when asked at once', async () => {
      const numbers = await Promise.all([1, 2, 3, 4, 5].map(() => store.nextSequence(2026)));
      assert.deepEqual(
        [...numbers].sort((a, b) => a - b),
        [1, 2, 3, 4, 5],
      );
      assert.equal(await store.nextSequence(2027), 1);
      assert.equal(await store.nextSequence(2026), 6);
    });

    it('reads back a request with its decision, facilitators and dates', async () => {
      const request = makeRequest({
        status: 'preparation',
        facilitators: [FACILITATOR_A, FACILITATOR_B],
        qualificationMeeting: {
          day: '2026-11-26',
          time: '10:00',
          timeZone: 'America/Cayenne',
          durationMinutes: 90,
        },
        sequencing: {
          blocks: [{ title: 'Scan', minutes: 90, method: 'scan' }],
          by: FACILITATOR_B.aadId,
          at: new Date('2026-12-02T10:00:00.000Z'),
        },
        qualification: {
          objectivesReachable: true,
          intentionChecked: true,
          format: 'Une journée',
          effortDays: 4.5,
          risks: 'Peu de participants externes',
          by: FACILITATOR_A.aadId,
          at: new Date('2026-11-24T10:00:00.000Z'),
        },
        priority: {
          urgency: 4,
          impact: 5,
          fit: 2,
          by: 'lab',
          at: new Date('2026-11-24T16:00:00.000Z'),
        },
        decision: {
          kind: 'go',
          reason: 'Sujet prioritaire',
          by: 'lab',
          at: new Date('2026-11-25T10:00:00.000Z'),
        },
        sessionDay: '2027-01-14',
        coldDebriefDay: '2027-02-25',
      });
      await store.insert(request);
      assert.deepEqual(await store.get('req-1'), request);
      assert.equal(await store.get('other'), undefined);
    });

    it('reads a request stored before the sponsor’s e-mail was asked with none', async () => {
      const { sponsorEmail: _dropped, ...older } = makeRequest().fields;
      await store.insert(
        makeRequest({ fields: older as ReturnType<typeof makeRequest>['fields'] }),
      );
      assert.equal((await store.get('req-1'))?.fields.sponsorEmail, '');
    });

    it('reads a request stored before priorities were rated with none', async () => {
      const { priority: _dropped, ...older } = makeRequest();
      await store.insert(older as ReturnType<typeof makeRequest>);
      assert.equal((await store.get('req-1'))?.priority, null);
    });

    it('refuses a second request with the same tracking number', async () => {
      await store.insert(makeRequest());
      await assert.rejects(store.insert(makeRequest({ id: 'req-2' })));
    });

    it('moves a request only from the status the writer read', async () => {
      await store.insert(makeRequest());
      const moved = makeRequest({ status: 'qualification', facilitators: [FACILITATOR_A] });
      assert.equal(await store.update(moved, 'requested'), true);
      // A second Lab member who read "requested" too loses: nothing is written.
      assert.equal(await store.update(makeRequest({ status: 'declined' }), 'requested'), false);
      assert.equal((await store.get('req-1'))?.status, 'qualification');
    });

    it('lists by status, most recent first, and finds a person’s requests whatever the case of their id', async () => {
      await store.insert(makeRequest());
      await store.insert(
        makeRequest({
          id: 'req-2',
          trackingNumber: 'LAB-2026-002',
          status: 'qualification',
          requester: { aadId: 'bbbbbbbb-0000-4000-8000-000000000002', name: 'Autre' },
          facilitators: [FACILITATOR_A, FACILITATOR_B],
          createdAt: new Date('2026-11-21T09:00:00.000Z'),
        }),
      );
      assert.deepEqual(
        (await store.list()).map((r) => r.id),
        ['req-2', 'req-1'],
      );
      assert.deepEqual(
        (await store.list(['requested'])).map((r) => r.id),
        ['req-1'],
      );
      assert.deepEqual(await store.list([]), []);
      assert.deepEqual(
        (await store.listForPerson(REQUESTER.aadId.toUpperCase())).map((r) => r.id),
        ['req-1'],
      );
      assert.deepEqual(
        (await store.listForPerson(FACILITATOR_B.aadId)).map((r) => r.id),
        ['req-2'],
      );
      assert.deepEqual(await store.listForPerson('nobody'), []);
    });

    it('keeps one draft per person until it is deleted', async () => {
      const updatedAt = new Date('2026-11-20T09:00:00.000Z');
      await store.saveDraft({ aadId: REQUESTER.aadId, values: { subject: 'A' }, updatedAt });
      await store.saveDraft({ aadId: REQUESTER.aadId, values: { subject: 'B' }, updatedAt });
      assert.deepEqual(await store.getDraft(REQUESTER.aadId.toUpperCase()), {
        aadId: REQUESTER.aadId,
        values: { subject: 'B' },
        updatedAt,
      });
      await store.deleteDraft(REQUESTER.aadId);
      assert.equal(await store.getDraft(REQUESTER.aadId), undefined);
    });

    it('keeps one debrief answer per person and kind, the latest', async () => {
      const answeredAt = new Date('2027-01-14T17:00:00.000Z');
      await store.saveDebrief({
        requestId: 'req-1',
        kind: 'hot',
        aadId: FACILITATOR_A.aadId,
        answers: { satisfaction: 3 },
        answeredAt,
      });
      await store.saveDebrief({
        requestId: 'req-1',
        kind: 'hot',
        aadId: FACILITATOR_A.aadId,
        answers: { satisfaction: 5, takeaway: 'Tout' },
        answeredAt,
      });
      await store.saveDebrief({
        requestId: 'req-1',
        kind: 'cold',
        aadId: REQUESTER.aadId,
        answers: { implemented: 'Deux prototypes' },
        answeredAt,
      });
      const answers = await store.listDebriefs('req-1');
      assert.deepEqual(
        answers.map((a) => [a.kind, a.aadId, a.answers]),
        [
          ['cold', REQUESTER.aadId, { implemented: 'Deux prototypes' }],
          ['hot', FACILITATOR_A.aadId, { satisfaction: 5, takeaway: 'Tout' }],
        ],
      );
      assert.deepEqual(await store.listDebriefs('other'), []);
      assert.deepEqual(
        (await store.listAllDebriefs('hot')).map((a) => [a.requestId, a.answers.satisfaction]),
        [['req-1', 5]],
      );
    });
    /** A participant to add, by address; internal ones may carry an Entra id. */
    const person = (n: number, aadId: string | null = null): NewParticipant => ({
      id: `p-${n}`,
      kind: aadId === null ? 'external' : 'internal',
      aadId,
      email: `personne${n}@exemple.fr`,
      name: `Personne ${n}`,
      addedBy: REQUESTER.aadId,
      addedAt: new Date('2026-11-21T10:00:00.000Z'),
    });

    it('lists participants in the order they were added, across adds, skipping someone listed already', async () => {
      await store.insert(makeRequest());
      const first = await store.addParticipants(
        'req-1',
        [person(1), person(2, FACILITATOR_A.aadId.toUpperCase())],
        10,
      );
      assert.ok(Array.isArray(first));
      assert.deepEqual(
        first.map((p) => [p.id, p.position]),
        [
          ['p-1', 1],
          ['p-2', 2],
        ],
      );
      const second = await store.addParticipants(
        'req-1',
        [
          { ...person(3), email: 'PERSONNE1@exemple.fr' },
          { ...person(4, FACILITATOR_A.aadId), email: null },
          person(5),
        ],
        10,
      );
      assert.ok(Array.isArray(second));
      assert.deepEqual(
        second.map((p) => p.id),
        ['p-5'],
        'same address, same Entra id: skipped',
      );
      const listed = await store.listParticipants('req-1');
      assert.deepEqual(
        listed.map((p) => p.id),
        ['p-1', 'p-2', 'p-5'],
      );
      assert.equal(listed[1]?.aadId, FACILITATOR_A.aadId, 'ids in lower case');
      assert.equal(listed[1]?.kind, 'internal');
      assert.equal(listed[0]?.addedAt.toISOString(), '2026-11-21T10:00:00.000Z');
      assert.deepEqual(await store.listParticipants('other'), []);
    });

    it('writes nobody when an add would list more than the limit, even when adds race', async () => {
      await store.insert(makeRequest());
      assert.equal(
        await store.addParticipants('req-1', [person(1), person(2), person(3)], 2),
        undefined,
      );
      assert.deepEqual(await store.listParticipants('req-1'), []);
      const results = await Promise.all(
        [0, 1, 2, 3, 4].map((k) =>
          store.addParticipants('req-1', [person(10 + 2 * k), person(11 + 2 * k)], 6),
        ),
      );
      assert.equal(results.filter((r) => r !== undefined).length, 3);
      const listed = await store.listParticipants('req-1');
      assert.equal(listed.length, 6);
      assert.equal(new Set(listed.map((p) => p.position)).size, 6, 'no two share a position');
    });

    it('adds only while the request is open, checked with the write', async () => {
      await store.insert(makeRequest({ status: 'qualification' }));
      const open = { openStatuses: PARTICIPANT_STATUSES };
      const added = await store.addParticipants('req-1', [person(1)], 10, open);
      assert.ok(Array.isArray(added));
      assert.deepEqual(
        added.map((p) => p.id),
        ['p-1'],
      );
      assert.ok(await store.update(makeRequest({ status: 'withdrawn' }), 'qualification'));
      assert.equal(await store.addParticipants('req-1', [person(2)], 10, open), 'closed');
      assert.equal(await store.addParticipants('req-9', [person(3)], 10, open), 'closed');
      assert.deepEqual(
        (await store.listParticipants('req-1')).map((p) => p.id),
        ['p-1'],
      );
      // Not even a position was taken: the next add after a reopening would follow p-1.
      const positions = await sql<{
        last: number | string;
      }>`select last from lab_session_participant_positions where request_id = 'req-1'`.execute(
        database!.db,
      );
      assert.deepEqual(
        positions.rows.map((row) => Number(row.last)),
        [1],
      );
    });

    it('writes nobody when a withdrawal commits while an add waits for the request', async () => {
      await store.insert(makeRequest({ status: 'qualification' }));
      let adding: ReturnType<SqlLabSessionStore['addParticipants']> | undefined;
      await database!.db.transaction().execute(async (trx) => {
        // The withdrawal's write, not yet committed: it holds the request's row.
        await sql`update lab_session_requests set status = 'withdrawn' where id = 'req-1'`.execute(
          trx,
        );
        adding = store.addParticipants('req-1', [person(1), person(2)], 10, {
          openStatuses: PARTICIPANT_STATUSES,
        });
        let settled = false;
        void adding.finally(() => (settled = true));
        if (target.name === 'postgres') {
          // The add is inside its own transaction, waiting for the request's row.
          const waiting = async (): Promise<boolean> => {
            const found = await sql<{ n: number | string }>`
              select count(*) as n from pg_stat_activity
              where wait_event_type = 'Lock' and datname = current_database()`.execute(
              database!.db,
            );
            return Number(found.rows[0]?.n ?? 0) > 0;
          };
          // (An add that does not wait, and so did not check, ends the loop and fails below.)
          while (!settled && !(await waiting())) {
            await new Promise((resolve) => setImmediate(resolve));
          }
        }
      });
      assert.equal(await adding, 'closed');
      assert.deepEqual(await store.listParticipants('req-1'), []);
      assert.equal((await store.get('req-1'))?.status, 'withdrawn');
    });

    it('removes only the request’s own participants', async () => {
      await store.insert(makeRequest());
      await store.insert(makeRequest({ id: 'req-2', trackingNumber: 'LAB-2026-002' }));
      await store.addParticipants('req-1', [person(1), person(2)], 10);
      await store.addParticipants('req-2', [person(3)], 10);
      assert.equal(await store.removeParticipants('req-1', ['p-1', 'p-3', 'nope']), 1);
      assert.deepEqual(
        (await store.listParticipants('req-1')).map((p) => p.id),
        ['p-2'],
      );
      assert.deepEqual(
        (await store.listParticipants('req-2')).map((p) => p.id),
        ['p-3'],
      );
      // The waitlist keeps its order: someone added later comes after those still listed.
      await store.addParticipants('req-1', [person(4)], 10);
      assert.deepEqual(
        (await store.listParticipants('req-1')).map((p) => p.id),
        ['p-2', 'p-4'],
      );
    });
  });
}
