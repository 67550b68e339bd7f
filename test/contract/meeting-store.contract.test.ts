import assert from 'node:assert/strict';
import type { DatabaseHandle } from '../../src/adapters/sql/open-database';
import { SqlMeetingStore } from '../../src/adapters/sql/sql-meeting-store';
import { syncMeetings } from '../../src/core/meetings/sync-meetings';
import { MeetingCalendarError } from '../../src/core/ports/meeting-calendar';
import { createTestProgramme } from '../support/candidacy-programme';
import { allMeetings, RecordingCalendar, twoTeams } from '../support/meeting-fakes';
import { testDatabases } from './test-databases';

const BEFORE_KICK_OFF = new Date('2026-05-04T08:00:00Z');

for (const target of testDatabases()) {
  describe(`programme meetings (${target.name})`, () => {
    let database: DatabaseHandle | undefined;

    beforeEach(async () => {
      database = await target.open();
    });

    afterEach(async () => {
      await database?.close();
      database = undefined;
    });

    it('creates each meeting once, updates it when a milestone moves, cancels a dissolved team’s', async () => {
      const store = new SqlMeetingStore(database!.db);
      const calendar = new RecordingCalendar();
      const programme = createTestProgramme({ meetings: allMeetings() });
      const deps = { store, calendar, now: BEFORE_KICK_OFF };

      const first = await syncMeetings(programme, twoTeams(), deps);
      assert.equal(first.created, 18);
      const again = await syncMeetings(programme, twoTeams(), deps);
      assert.equal(again.unchanged, 18);
      assert.equal(calendar.calls.length, 18, 'running again creates nothing');
      const stored = await store.listByProgramme(programme.id);
      assert.equal(stored.length, 18);
      const kickOff = stored.find((m) => m.kind === 'kickOff')!;
      assert.equal(kickOff.attendees.length, 6);
      assert.equal(kickOff.sequence, 0);
      assert.equal(kickOff.state, 'active');
      assert.equal(kickOff.route, 'graph');

      const moved = {
        ...programme,
        milestones: { ...programme.milestones, decemberReview: '2026-12-17' },
      };
      const update = await syncMeetings(moved, twoTeams(), deps);
      assert.deepEqual([update.created, update.updated, update.cancelled], [0, 1, 0]);
      const review = (await store.listByProgramme(programme.id)).find(
        (m) => m.kind === 'decemberReview',
      )!;
      assert.equal(review.startsAt.toISOString(), '2026-12-17T09:00:00.000Z');
      assert.equal(review.sequence, 1);
      assert.equal(calendar.calls.at(-1)!.op, 'update');
      assert.equal(calendar.calls.at(-1)!.id, review.externalEventId);

      const dissolved = await syncMeetings(moved, twoTeams().slice(0, 1), deps);
      assert.equal(dissolved.cancelled, 7);
      assert.equal(dissolved.created, 0);
      const teamTwo = (await store.listByProgramme(programme.id)).filter(
        (m) => m.teamId === 'team-2',
      );
      assert.equal(teamTwo.length, 7);
      assert.ok(teamTwo.every((m) => m.state === 'cancelled' && m.sequence === 1));
      const calls = calendar.calls.length;
      const settled = await syncMeetings(moved, twoTeams().slice(0, 1), deps);
      assert.equal(settled.created + settled.updated + settled.cancelled, 0);
      assert.equal(calendar.calls.length, calls);
    });

    it('keeps a failure’s reason on the meeting row', async () => {
      const store = new SqlMeetingStore(database!.db);
      const programme = createTestProgramme({
        meetings: {
          timeZone: 'Europe/Paris',
          holidays: 'FR',
          kickOff: { time: '10:00', durationMinutes: 60 },
        },
      });
      const calendar = new RecordingCalendar();
      calendar.failNext.push(new MeetingCalendarError('no', 'permission', 'Calendars.ReadWrite'));
      await syncMeetings(programme, twoTeams(), { store, calendar, now: BEFORE_KICK_OFF });
      const [row] = await store.listByProgramme(programme.id);
      assert.equal(row?.state, 'pending');
      assert.equal(row?.lastError, 'permission: Calendars.ReadWrite');
      assert.equal(row?.externalEventId, null);
    });
  });
}
