import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { DatabaseHandle } from '../../src/adapters/sql/open-database';
import { SqlLabSessionMeetingStore } from '../../src/adapters/sql/sql-lab-session-meeting-store';
import { SqlPersonalDataStore } from '../../src/adapters/sql/sql-personal-data-store';
import {
  LAB_QUALIFICATION_KIND,
  LAB_SESSION_MEETINGS,
  type MeetingRecord,
} from '../../src/core/meetings/meeting';
import type { Pseudonym } from '../../src/core/ports/personal-data-store';
import { FACILITATOR_A, FACILITATOR_B, REQUESTER } from '../support/lab-session-fixtures';
import { testDatabases } from './test-databases';

const AT = new Date('2026-11-20T09:00:00.000Z');
const PSEUDONYM: Pseudonym = {
  aadId: 'pseudonym-7f3a0000aaaa1111',
  name: 'Personne 7f3a',
  email: 'personne-7f3a@pseudonyme.invalid',
};

function meeting(requestId: string, over: Partial<MeetingRecord> = {}): MeetingRecord {
  return {
    programmeId: LAB_SESSION_MEETINGS,
    kind: LAB_QUALIFICATION_KIND,
    teamId: requestId,
    period: '',
    subject: 'Lab — réunion de qualification / qualification meeting — LAB-2026-001',
    startsAt: new Date('2026-11-26T09:00:00.000Z'),
    endsAt: new Date('2026-11-26T10:00:00.000Z'),
    timeZone: 'Europe/Paris',
    attendees: [REQUESTER, FACILITATOR_A, FACILITATOR_B].map((p) => ({ ...p })),
    attendeesDigest: 'digest',
    dropped: [],
    externalEventId: null,
    icsUid: `@lab-sessions.labQualification.${requestId}.once@labbot`,
    sequence: 0,
    state: 'pending',
    route: 'graph',
    lastError: null,
    updatedAt: AT,
    ...over,
  };
}

for (const target of testDatabases()) {
  describe(`Lab session qualification meetings in SQL (${target.name})`, () => {
    let database: DatabaseHandle | undefined;
    let store: SqlLabSessionMeetingStore;
    let personal: SqlPersonalDataStore;

    beforeEach(async () => {
      database = await target.open();
      store = new SqlLabSessionMeetingStore(database.db);
      personal = new SqlPersonalDataStore(database.db);
      await store.save(meeting('req-1'));
      await store.save(meeting('req-2', { startsAt: new Date('2026-11-27T09:00:00.000Z') }));
    });

    afterEach(async () => {
      await database?.close();
      database = undefined;
    });

    it('keeps one row per request: a save replaces it, ids and times read back as written', async () => {
      await store.save(
        meeting('req-1', {
          externalEventId: 'event-1',
          sequence: 1,
          state: 'active',
          startsAt: new Date('2026-11-26T13:00:00.000Z'),
          endsAt: new Date('2026-11-26T14:30:00.000Z'),
        }),
      );
      const read = await store.getByRequest('req-1');
      assert.deepEqual(read, {
        ...meeting('req-1'),
        externalEventId: 'event-1',
        sequence: 1,
        state: 'active',
        startsAt: new Date('2026-11-26T13:00:00.000Z'),
        endsAt: new Date('2026-11-26T14:30:00.000Z'),
      });
      assert.deepEqual(
        (await store.listByProgramme(LAB_SESSION_MEETINGS)).map((m) => m.teamId),
        ['req-1', 'req-2'],
      );
      assert.deepEqual(await store.listByProgramme('defi-2027'), [], 'no programme reads here');
      assert.equal(await store.getByRequest('req-9'), undefined);
      await assert.rejects(store.save({ ...meeting('req-3'), programmeId: 'defi-2027' }));
    });

    it('keeps who was dropped, and gives them their own line in "my data", nobody else’s', async () => {
      const dropped = [{ ...FACILITATOR_B, sequence: 1 }];
      await store.save(
        meeting('req-1', {
          attendees: [REQUESTER, FACILITATOR_A].map((p) => ({ ...p })),
          dropped,
          sequence: 1,
        }),
      );
      assert.deepEqual((await store.getByRequest('req-1'))?.dropped, dropped);
      const snapshot = await personal.collect({
        aadId: FACILITATOR_B.aadId,
        email: null,
        name: null,
      });
      const rows = snapshot.labSessions.lab_session_meetings ?? [];
      const first = rows.find((row) => row.request_id === 'req-1');
      assert.deepEqual(JSON.parse(String(first?.attendees)), []);
      assert.deepEqual(JSON.parse(String(first?.dropped_attendees)), dropped);
      assert.ok(!JSON.stringify(rows).includes(REQUESTER.aadId), 'nobody else’s line');
    });

    it('gives an attendee their own line in "my data", and erases them, the others staying', async () => {
      const snapshot = await personal.collect({
        aadId: FACILITATOR_A.aadId,
        email: null,
        name: null,
      });
      const mine = snapshot.labSessions.lab_session_meetings ?? [];
      assert.deepEqual(
        mine.map((row) => row.request_id),
        ['req-1', 'req-2'],
      );
      for (const row of mine) {
        assert.deepEqual(JSON.parse(String(row.attendees)), [{ ...FACILITATOR_A }]);
      }
      await personal.erase(
        { aadId: FACILITATOR_A.aadId, email: null, name: FACILITATOR_A.name },
        PSEUDONYM,
        {
          at: AT,
          actor: 'admin',
          action: 'personalData.erasure',
          programmeId: '',
          subjectId: PSEUDONYM.aadId,
          details: {},
        },
      );
      const found = await sql`select * from lab_session_meetings order by request_id`.execute(
        database!.db,
      );
      const text = JSON.stringify(found.rows).toLowerCase();
      assert.ok(!text.includes(FACILITATOR_A.aadId), text);
      assert.ok(!text.includes('aline'), text);
      assert.ok(text.includes(PSEUDONYM.aadId));
      assert.ok(text.includes(FACILITATOR_B.aadId) && text.includes(REQUESTER.aadId));
    });
  });
}
