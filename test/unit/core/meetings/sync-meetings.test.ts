import assert from 'node:assert/strict';
import { MeetingCalendarError } from '../../../../src/core/ports/meeting-calendar';
import { syncMeetings } from '../../../../src/core/meetings/sync-meetings';
import { planMeetings } from '../../../../src/core/meetings/plan-meetings';
import { createTestProgramme } from '../../../support/candidacy-programme';
import {
  allMeetings,
  InMemoryMeetingStore,
  RecordingCalendar,
  RecordingInvitations,
  twoTeams,
} from '../../../support/meeting-fakes';

const BEFORE_KICK_OFF = new Date('2026-05-04T08:00:00Z');

describe('syncMeetings', () => {
  const programme = createTestProgramme({ meetings: allMeetings() });

  it('creates every wanted meeting once; running it again calls nothing and saves nothing', async () => {
    const store = new InMemoryMeetingStore();
    const calendar = new RecordingCalendar();
    const first = await syncMeetings(programme, twoTeams(), {
      store,
      calendar,
      now: BEFORE_KICK_OFF,
    });
    // Briefing, kick-off, 14 exchanges, 2 reviews.
    assert.equal(first.created, 18);
    assert.equal(calendar.calls.length, 18);
    assert.ok(
      [...store.rows.values()].every((m) => m.state === 'active' && m.externalEventId !== null),
    );
    const saves = store.saves;
    const second = await syncMeetings(programme, twoTeams(), {
      store,
      calendar,
      now: BEFORE_KICK_OFF,
    });
    assert.deepEqual(second, {
      route: 'graph',
      created: 0,
      updated: 0,
      cancelled: 0,
      unchanged: 18,
      failed: [],
    });
    assert.equal(calendar.calls.length, 18);
    assert.equal(store.saves, saves);
  });

  it('updates the same event when a milestone moves or attendees change, with a higher sequence', async () => {
    const store = new InMemoryMeetingStore();
    const calendar = new RecordingCalendar();
    await syncMeetings(programme, twoTeams(), { store, calendar, now: BEFORE_KICK_OFF });
    const kickOffBefore = [...store.rows.values()].find((m) => m.kind === 'kickOff')!;
    const moved = { ...programme, milestones: { ...programme.milestones, kickOff: '2026-05-20' } };
    const teams = twoTeams();
    teams[0]!.members.push({
      aadId: '00000000-0000-4000-8000-000000000009',
      name: 'Eva Leroy',
      organisationId: 'cnav',
    });
    calendar.calls.length = 0;
    const report = await syncMeetings(moved, teams, { store, calendar, now: BEFORE_KICK_OFF });
    // Briefing and kick-off moved; the kick-off, team 1's 7 exchanges and both reviews have a new attendee.
    assert.equal(report.created, 0);
    assert.equal(report.updated, 11);
    assert.ok(calendar.calls.every((c) => c.op === 'update'));
    const kickOff = [...store.rows.values()].find((m) => m.kind === 'kickOff')!;
    assert.equal(kickOff.externalEventId, kickOffBefore.externalEventId);
    assert.equal(kickOff.icsUid, kickOffBefore.icsUid);
    assert.equal(kickOff.sequence, 1);
    assert.equal(kickOff.startsAt.toISOString(), '2026-05-20T08:00:00.000Z');
  });

  it('cancels a dissolved team’s exchanges, and leaves meetings already past alone', async () => {
    const store = new InMemoryMeetingStore();
    const calendar = new RecordingCalendar();
    await syncMeetings(programme, twoTeams(), { store, calendar, now: BEFORE_KICK_OFF });
    calendar.calls.length = 0;
    // In mid-October, team 2 is dissolved: its September and October exchanges are past.
    const report = await syncMeetings(programme, twoTeams().slice(0, 1), {
      store,
      calendar,
      now: new Date('2026-10-20T08:00:00Z'),
    });
    assert.equal(report.cancelled, 5);
    assert.equal(calendar.calls.filter((c) => c.op === 'cancel').length, 5);
    assert.equal(calendar.calls.filter((c) => c.op === 'create').length, 0);
    const teamTwo = [...store.rows.values()].filter((m) => m.teamId === 'team-2');
    assert.deepEqual(
      teamTwo.map((m) => [m.period, m.state]),
      [
        ['2026-09', 'active'],
        ['2026-10', 'active'],
        ['2026-11', 'cancelled'],
        ['2026-12', 'cancelled'],
        ['2027-01', 'cancelled'],
        ['2027-02', 'cancelled'],
        ['2027-03', 'cancelled'],
      ],
    );
    // The reviews lost team 2's people: updated, not cancelled.
    assert.equal(report.updated, 2);
    const again = await syncMeetings(programme, twoTeams().slice(0, 1), {
      store,
      calendar,
      now: new Date('2026-10-20T08:00:00Z'),
    });
    assert.equal(again.cancelled + again.updated + again.created, 0);
  });

  it('records a refused permission on every meeting left, calls no more, and does it all on the next run', async () => {
    const store = new InMemoryMeetingStore();
    const calendar = new RecordingCalendar();
    calendar.failNext.push(
      new MeetingCalendarError('throttled', 'throttled'),
      new MeetingCalendarError('refused', 'permission', 'Calendars.ReadWrite'),
    );
    const report = await syncMeetings(programme, twoTeams(), {
      store,
      calendar,
      now: BEFORE_KICK_OFF,
    });
    assert.equal(report.created, 0);
    assert.equal(report.failed.length, 18);
    assert.equal(report.failed[0]!.reason, 'throttled');
    assert.ok(report.failed.slice(1).every((f) => f.detail === 'Calendars.ReadWrite'));
    assert.equal(calendar.calls.length, 0);
    const rows = [...store.rows.values()];
    assert.ok(rows.every((m) => m.state === 'pending' && m.lastError !== null));
    assert.match(
      rows.find((m) => m.kind === 'kickOff')!.lastError!,
      /^permission: Calendars\.ReadWrite$/,
    );
    const retry = await syncMeetings(programme, twoTeams(), {
      store,
      calendar,
      now: BEFORE_KICK_OFF,
    });
    assert.equal(retry.created, 18);
    assert.ok([...store.rows.values()].every((m) => m.lastError === null));
  });

  it('re-creates an event deleted by hand from the organiser’s calendar on the next run', async () => {
    const store = new InMemoryMeetingStore();
    const calendar = new RecordingCalendar();
    await syncMeetings(programme, twoTeams(), { store, calendar, now: BEFORE_KICK_OFF });
    const moved = {
      ...programme,
      milestones: { ...programme.milestones, marchReview: '2027-03-18' },
    };
    calendar.failNext.push(new MeetingCalendarError('gone', 'not-found'));
    const report = await syncMeetings(moved, twoTeams(), { store, calendar, now: BEFORE_KICK_OFF });
    assert.equal(report.failed.length, 1);
    const next = await syncMeetings(moved, twoTeams(), { store, calendar, now: BEFORE_KICK_OFF });
    assert.equal(next.created, 1);
    assert.equal(calendar.calls.at(-1)!.op, 'create');
  });

  it('without a calendar sends .ics invitations, once per version, and a cancellation', async () => {
    const store = new InMemoryMeetingStore();
    const invitations = new RecordingInvitations();
    const onlyKickOff = createTestProgramme({
      meetings: {
        timeZone: 'Europe/Paris',
        holidays: 'FR',
        kickOff: { time: '10:00', durationMinutes: 90 },
      },
    });
    const deps = { store, invitations, now: BEFORE_KICK_OFF };
    assert.equal((await syncMeetings(onlyKickOff, twoTeams(), deps)).route, 'ics');
    await syncMeetings(onlyKickOff, twoTeams(), deps);
    const moved = {
      ...onlyKickOff,
      milestones: { ...onlyKickOff.milestones, kickOff: '2026-05-19' },
    };
    await syncMeetings(moved, twoTeams(), deps);
    await syncMeetings(
      { ...moved, meetings: { timeZone: 'Europe/Paris', holidays: 'FR' } },
      twoTeams(),
      deps,
    );
    assert.deepEqual(invitations.sent, [
      { key: 'defi-test:kickOff::', sequence: 0, state: 'pending' },
      { key: 'defi-test:kickOff::', sequence: 1, state: 'stale' },
      { key: 'defi-test:kickOff::', sequence: 2, state: 'cancelling' },
    ]);
  });

  it('without a calendar keeps who was dropped, at the version that dropped them, until invited again', async () => {
    const store = new InMemoryMeetingStore();
    const invitations = new RecordingInvitations();
    const teams = twoTeams();
    // Ten days before team 1's first exchange: it is announced.
    const first = planMeetings(programme, teams).find((m) => m.teamId === 'team-1')!;
    const deps = { store, invitations, now: new Date(first.startsAt.getTime() - 10 * 86_400_000) };
    await syncMeetings(programme, teams, deps);
    const bruno = teams[0]!.members[1]!;
    const before = (await store.listByProgramme(programme.id)).filter(
      (m) => m.teamId === 'team-1' && m.state === 'active',
    );
    assert.ok(before.length > 0, 'team 1 has meetings sent');

    // Bruno moves to team 2.
    const moved = [
      { ...teams[0]!, members: [teams[0]!.members[0]!] },
      { ...teams[1]!, members: [...teams[1]!.members, bruno] },
    ];
    await syncMeetings(programme, moved, deps);
    for (const old of before) {
      const now = (await store.listByProgramme(programme.id)).find(
        (m) => m.kind === old.kind && m.teamId === old.teamId && m.period === old.period,
      )!;
      assert.deepEqual(now.dropped, [
        { aadId: bruno.aadId, name: bruno.name, sequence: old.sequence + 1 },
      ]);
      assert.equal(now.sequence, old.sequence + 1);
    }
    // Nothing new: nobody dropped twice.
    await syncMeetings(programme, moved, deps);
    const again = (await store.listByProgramme(programme.id)).filter((m) => m.teamId === 'team-1');
    assert.ok(again.every((m) => (m.dropped ?? []).length <= 1));

    // Back in team 1: invited again, no longer dropped.
    await syncMeetings(programme, teams, deps);
    const back = (await store.listByProgramme(programme.id)).filter((m) => m.teamId === 'team-1');
    assert.ok(back.every((m) => (m.dropped ?? []).length === 0));
  });

  it('with a calendar keeps nobody as dropped: the calendar tells them', async () => {
    const store = new InMemoryMeetingStore();
    const calendar = new RecordingCalendar();
    const deps = { store, calendar, now: BEFORE_KICK_OFF };
    const teams = twoTeams();
    await syncMeetings(programme, teams, deps);
    await syncMeetings(
      programme,
      [{ ...teams[0]!, members: [teams[0]!.members[0]!] }, teams[1]!],
      deps,
    );
    const stored = await store.listByProgramme(programme.id);
    assert.ok(
      stored.some((m) => m.teamId === 'team-1' && m.sequence > 0),
      'updated',
    );
    assert.ok(stored.every((m) => (m.dropped ?? []).length === 0));
  });

  it('without a calendar announces meetings a month ahead, the later ones as they come within it', async () => {
    const store = new InMemoryMeetingStore();
    const invitations = new RecordingInvitations();
    const deps = { store, invitations, now: new Date('2026-11-20T08:00:00Z') };
    await syncMeetings(programme, twoTeams(), deps);
    // December's two exchanges and the December review.
    assert.deepEqual(
      invitations.sent.map((s) => s.key),
      [
        'defi-test:monthlyExchange:team-1:2026-12',
        'defi-test:monthlyExchange:team-2:2026-12',
        'defi-test:decemberReview::',
      ],
    );
    await syncMeetings(programme, twoTeams(), { ...deps, now: new Date('2026-12-15T08:00:00Z') });
    assert.deepEqual(
      invitations.sent.slice(3).map((s) => s.key),
      ['defi-test:monthlyExchange:team-1:2027-01', 'defi-test:monthlyExchange:team-2:2027-01'],
    );
  });

  it('does nothing and records nothing with neither a calendar nor invitations', async () => {
    const store = new InMemoryMeetingStore();
    const report = await syncMeetings(programme, twoTeams(), { store, now: BEFORE_KICK_OFF });
    assert.equal(report.route, null);
    assert.equal(store.rows.size, 0);
  });
});
