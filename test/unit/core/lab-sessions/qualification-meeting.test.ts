import assert from 'node:assert/strict';
import { decideRequest } from '../../../../src/core/lab-sessions/decide-request';
import type { QualificationMeetingDeps } from '../../../../src/core/lab-sessions/qualification-meeting';
import { catchUpQualificationMeetings } from '../../../../src/core/lab-sessions/qualification-meeting';
import { qualifyRequest } from '../../../../src/core/lab-sessions/qualify-request';
import { recordQualification } from '../../../../src/core/lab-sessions/record-qualification';
import { setQualificationMeeting } from '../../../../src/core/lab-sessions/set-qualification-meeting';
import { submitRequest } from '../../../../src/core/lab-sessions/submit-request';
import { withdrawRequest } from '../../../../src/core/lab-sessions/withdraw-request';
import {
  LAB_QUALIFICATION_KIND,
  LAB_SESSION_MEETINGS,
  type MeetingRecord,
} from '../../../../src/core/meetings/meeting';
import { MeetingCalendarError } from '../../../../src/core/ports/meeting-calendar';
import {
  ACTORS,
  FACILITATOR_A,
  FACILITATOR_B,
  REQUESTER,
  VALID_FIELDS,
  createLabSessionFakes,
} from '../../../support/lab-session-fixtures';
import {
  InMemoryMeetingStore,
  RecordingCalendar,
  RecordingInvitations,
} from '../../../support/meeting-fakes';

/** The meeting store of the Lab, as the SQL one: one meeting per request. */
class InMemoryLabMeetingStore extends InMemoryMeetingStore {
  getByRequest(requestId: string): Promise<MeetingRecord | undefined> {
    const found = [...this.rows.values()].find(
      (m) => m.programmeId === LAB_SESSION_MEETINGS && m.teamId === requestId,
    );
    return Promise.resolve(found === undefined ? undefined : structuredClone(found));
  }
}

const FACILITATOR_B_ACTOR = { ...FACILITATOR_B, isLab: false, timeZone: 'America/Cayenne' };

describe('the qualification meeting of a Lab session request', () => {
  // Friday 20 November 2026, 10:00 in Paris.
  let fakes: ReturnType<typeof createLabSessionFakes>;
  let store: InMemoryLabMeetingStore;
  let calendar: RecordingCalendar;
  let invitations: RecordingInvitations;

  function withRoute(route: 'graph' | 'ics'): void {
    const meetings: QualificationMeetingDeps = {
      store,
      ...(route === 'graph' ? { calendar } : { invitations }),
    };
    fakes.deps.meetings = meetings;
  }

  beforeEach(() => {
    fakes = createLabSessionFakes();
    store = new InMemoryLabMeetingStore();
    calendar = new RecordingCalendar();
    invitations = new RecordingInvitations();
    withRoute('graph');
  });

  async function inQualification(meeting: Record<string, unknown> = {}): Promise<string> {
    const submitted = await submitRequest(fakes.deps, {
      actor: ACTORS.requester,
      raw: {
        ...VALID_FIELDS,
        internalParticipants: String(VALID_FIELDS.internalParticipants),
        externalParticipants: String(VALID_FIELDS.externalParticipants),
      },
    });
    assert.ok(submitted.ok);
    const qualified = await qualifyRequest(fakes.deps, {
      actor: ACTORS.lab,
      requestId: submitted.value.id,
      facilitatorIds: [FACILITATOR_A.aadId, FACILITATOR_B.aadId],
      ...meeting,
    });
    assert.ok(qualified.ok, JSON.stringify(!qualified.ok && qualified.refusal));
    return submitted.value.id;
  }

  function meetings(): MeetingRecord[] {
    return [...store.rows.values()];
  }

  it('invites the requester and both facilitators when the Lab sets it with the facilitators', async () => {
    const id = await inQualification({
      meetingDay: '2026-11-26',
      meetingTime: '10:00',
      meetingDuration: '90',
    });
    const [meeting] = meetings();
    assert.ok(meeting);
    assert.equal(meetings().length, 1);
    assert.equal(meeting.programmeId, LAB_SESSION_MEETINGS);
    assert.equal(meeting.kind, LAB_QUALIFICATION_KIND);
    assert.equal(meeting.teamId, id);
    assert.deepEqual(
      meeting.attendees.map((a) => a.aadId),
      [REQUESTER.aadId, FACILITATOR_A.aadId, FACILITATOR_B.aadId].sort(),
    );
    // 10:00 in Paris is 09:00 UTC in November; 90 minutes.
    assert.equal(meeting.startsAt.toISOString(), '2026-11-26T09:00:00.000Z');
    assert.equal(meeting.endsAt.toISOString(), '2026-11-26T10:30:00.000Z');
    assert.equal(meeting.state, 'active');
    assert.equal(meeting.route, 'graph');
    assert.deepEqual(
      calendar.calls.map((c) => c.op),
      ['create'],
    );
    assert.doesNotMatch(
      meeting.subject,
      /Accueil/,
      'what the requester wrote stays on the request',
    );
    const stored = fakes.sessions.requests.get(id)?.qualificationMeeting;
    assert.deepEqual(stored, {
      day: '2026-11-26',
      time: '10:00',
      timeZone: 'Europe/Paris',
      durationMinutes: 90,
    });
  });

  it('names the facilitators without a meeting when no day and time are given, whatever the length', async () => {
    const id = await inQualification({ meetingDay: '', meetingTime: '', meetingDuration: '60' });
    assert.equal(fakes.sessions.requests.get(id)?.qualificationMeeting, null);
    assert.equal(meetings().length, 0);
  });

  it('lasts an hour when nobody says how long', async () => {
    await inQualification({ meetingDay: '2026-11-26', meetingTime: '14:00' });
    const [meeting] = meetings();
    assert.equal(meeting!.endsAt.getTime() - meeting!.startsAt.getTime(), 60 * 60_000);
  });

  it('lets the Lab or either facilitator set it afterwards, in their own zone', async () => {
    const id = await inQualification();
    assert.equal(meetings().length, 0, 'nothing on calendars before a time is set');
    const byB = await setQualificationMeeting(fakes.deps, {
      actor: FACILITATOR_B_ACTOR,
      requestId: id,
      meetingDay: '2026-11-24',
      meetingTime: '06:00',
    });
    assert.ok(byB.ok);
    // 06:00 in Cayenne is 10:00 in Paris (09:00 UTC).
    assert.equal(meetings()[0]!.startsAt.toISOString(), '2026-11-24T09:00:00.000Z');
    assert.equal(meetings()[0]!.timeZone, 'America/Cayenne');
    const byLab = await setQualificationMeeting(fakes.deps, {
      actor: ACTORS.lab,
      requestId: id,
      meetingDay: '2026-11-25',
      meetingTime: '11:00',
    });
    assert.ok(byLab.ok);
    const byA = await setQualificationMeeting(fakes.deps, {
      actor: ACTORS.facilitatorA,
      requestId: id,
      meetingDay: '2026-11-25',
      meetingTime: '11:30',
    });
    assert.ok(byA.ok);
  });

  it('refuses anyone else, the requester included, as if the request did not exist', async () => {
    const id = await inQualification();
    for (const actor of [ACTORS.requester, ACTORS.stranger]) {
      const outcome = await setQualificationMeeting(fakes.deps, {
        actor,
        requestId: id,
        meetingDay: '2026-11-26',
        meetingTime: '10:00',
      });
      assert.ok(!outcome.ok);
      assert.equal(outcome.refusal.code, 'notFound', actor.name);
    }
    const unknown = await setQualificationMeeting(fakes.deps, {
      actor: ACTORS.lab,
      requestId: 'req-999',
      meetingDay: '2026-11-26',
      meetingTime: '10:00',
    });
    assert.ok(!unknown.ok);
    assert.equal(unknown.refusal.code, 'notFound');
    assert.equal(meetings().length, 0);
    assert.equal(fakes.sessions.requests.get(id)?.qualificationMeeting, null);
  });

  it('refuses, field by field, a day past, a weekend or holiday of the requester, a wrong time, length or type', async () => {
    const id = await inQualification();
    const cases: [Record<string, unknown>, [string, string][]][] = [
      // Earlier today (10:00 in Paris now), and yesterday.
      [{ meetingDay: '2026-11-20', meetingTime: '09:00' }, [['meetingDay', 'dateOrder']]],
      [{ meetingDay: '2026-11-19', meetingTime: '15:00' }, [['meetingDay', 'dateOrder']]],
      // Saturday, and 11 November (Armistice, a holiday in France) next year.
      [{ meetingDay: '2026-11-21', meetingTime: '10:00' }, [['meetingDay', 'invalid']]],
      [{ meetingDay: '2027-11-11', meetingTime: '10:00' }, [['meetingDay', 'invalid']]],
      [{ meetingDay: '2026-02-30', meetingTime: '10:00' }, [['meetingDay', 'date']]],
      [{ meetingDay: '2026-11-26', meetingTime: '24:00' }, [['meetingTime', 'time']]],
      [
        { meetingDay: '', meetingTime: '' },
        [
          ['meetingDay', 'required'],
          ['meetingTime', 'required'],
        ],
      ],
      [
        { meetingDay: '2026-11-26', meetingTime: '10:00', meetingDuration: '600' },
        [['meetingDuration', 'choice']],
      ],
      [
        { meetingDay: ['2026-11-26'], meetingTime: { h: 10 }, meetingDuration: true },
        [
          ['meetingDay', 'expectedText'],
          ['meetingTime', 'expectedText'],
          ['meetingDuration', 'choice'],
        ],
      ],
    ];
    for (const [input, expected] of cases) {
      const outcome = await setQualificationMeeting(fakes.deps, {
        actor: ACTORS.lab,
        requestId: id,
        ...input,
      });
      assert.ok(!outcome.ok, JSON.stringify(input));
      assert.equal(outcome.refusal.code, 'invalid');
      assert.deepEqual(
        outcome.refusal.issues?.map((i) => [i.path[0], i.code]),
        expected,
        JSON.stringify(input),
      );
    }
    assert.equal(meetings().length, 0);
    assert.equal(calendar.calls.length, 0);
  });

  it('reads the working day in the requester’s calendar, not the setter’s', async () => {
    const id = await inQualification();
    const request = fakes.sessions.requests.get(id)!;
    fakes.sessions.requests.set(id, { ...request, requesterTimeZone: 'America/Cayenne' });
    // Thursday 10 June 2027: the abolition of slavery, a holiday in French Guiana, not in Paris
    // where the Lab member sets it.
    const outcome = await setQualificationMeeting(fakes.deps, {
      actor: ACTORS.lab,
      requestId: id,
      meetingDay: '2027-06-10',
      meetingTime: '15:00',
    });
    assert.ok(!outcome.ok);
    assert.deepEqual(
      outcome.refusal.issues?.map((i) => [i.path[0], i.code]),
      [['meetingDay', 'invalid']],
    );
    const paris = fakes.sessions.requests.get(id)!;
    fakes.sessions.requests.set(id, { ...paris, requesterTimeZone: 'Europe/Paris' });
    const inParis = await setQualificationMeeting(fakes.deps, {
      actor: ACTORS.lab,
      requestId: id,
      meetingDay: '2027-06-10',
      meetingTime: '15:00',
    });
    assert.ok(inParis.ok, 'a working day for a requester in Paris');
  });

  it('moves the same event when rescheduled, and changes nothing when set again alike', async () => {
    const id = await inQualification({ meetingDay: '2026-11-26', meetingTime: '10:00' });
    const first = meetings()[0]!;
    const moved = await setQualificationMeeting(fakes.deps, {
      actor: ACTORS.facilitatorA,
      requestId: id,
      meetingDay: '2026-11-27',
      meetingTime: '14:00',
    });
    assert.ok(moved.ok);
    assert.equal(meetings().length, 1, 'never a second meeting');
    const after = meetings()[0]!;
    assert.equal(after.icsUid, first.icsUid);
    assert.equal(after.externalEventId, first.externalEventId);
    assert.equal(after.sequence, first.sequence + 1);
    assert.equal(after.startsAt.toISOString(), '2026-11-27T13:00:00.000Z');
    assert.deepEqual(
      calendar.calls.map((c) => [c.op, c.id]),
      [
        ['create', first.externalEventId],
        ['update', first.externalEventId],
      ],
    );
    const again = await setQualificationMeeting(fakes.deps, {
      actor: ACTORS.lab,
      requestId: id,
      meetingDay: '2026-11-27',
      meetingTime: '14:00',
    });
    assert.ok(again.ok);
    assert.equal(calendar.calls.length, 2);
    assert.equal(meetings()[0]!.sequence, after.sequence);
  });

  it('sends a new .ics version to the three without a calendar, SEQUENCE up when moved', async () => {
    withRoute('ics');
    const id = await inQualification({ meetingDay: '2026-11-26', meetingTime: '10:00' });
    await setQualificationMeeting(fakes.deps, {
      actor: ACTORS.lab,
      requestId: id,
      meetingDay: '2026-11-26',
      meetingTime: '11:00',
    });
    assert.deepEqual(
      invitations.sent.map((s) => [s.sequence, s.state]),
      [
        [0, 'pending'],
        [1, 'stale'],
      ],
    );
    assert.equal(meetings()[0]!.route, 'ics');
  });

  it('cancels the meeting when the requester withdraws', async () => {
    const id = await inQualification({ meetingDay: '2026-11-26', meetingTime: '10:00' });
    const withdrawn = await withdrawRequest(fakes.deps, { actor: ACTORS.requester, requestId: id });
    assert.ok(withdrawn.ok);
    assert.equal(meetings()[0]!.state, 'cancelled');
    assert.deepEqual(
      calendar.calls.map((c) => c.op),
      ['create', 'cancel'],
    );
    // A facilitator can no longer move it: the request is no longer in qualification.
    const late = await setQualificationMeeting(fakes.deps, {
      actor: ACTORS.facilitatorA,
      requestId: id,
      meetingDay: '2026-11-27',
      meetingTime: '10:00',
    });
    assert.ok(!late.ok);
    assert.equal(late.refusal.code, 'wrongStatus');
    assert.equal(calendar.calls.length, 2);
  });

  it('cancels it on a no, and on a “not now”, but keeps it on a go', async () => {
    for (const decision of ['noGo', 'notNow', 'go'] as const) {
      calendar.calls.length = 0;
      store.rows.clear();
      const id = await inQualification({ meetingDay: '2026-11-26', meetingTime: '10:00' });
      if (decision === 'go') {
        const recorded = await recordQualification(fakes.deps, {
          actor: ACTORS.facilitatorA,
          requestId: id,
          raw: { objectivesReachable: 'yes', format: 'Une journée', effortDays: '5' },
        });
        assert.ok(recorded.ok);
      }
      const outcome = await decideRequest(fakes.deps, {
        actor: ACTORS.lab,
        requestId: id,
        decision,
        reason: 'Charge du trimestre',
        revisitOn: decision === 'notNow' ? '2027-01-15' : '',
      });
      assert.ok(outcome.ok, decision);
      assert.deepEqual(
        calendar.calls.map((c) => c.op),
        decision === 'go' ? ['create'] : ['create', 'cancel'],
        decision,
      );
      if (decision === 'notNow') {
        // Back in qualification on its day, it has no meeting until one is set again: the
        // hourly run does not bring the cancelled one back.
        assert.equal(outcome.value.qualificationMeeting, null);
        const back = fakes.sessions.requests.get(id)!;
        fakes.sessions.requests.set(id, { ...back, status: 'qualification' });
        await catchUpQualificationMeetings(fakes.deps);
        assert.deepEqual(
          calendar.calls.map((c) => c.op),
          ['create', 'cancel'],
        );
        fakes.sessions.requests.delete(id);
      }
    }
  });

  it('invites the new facilitator to the same event when the Lab names another', async () => {
    const id = await inQualification({ meetingDay: '2026-11-26', meetingTime: '10:00' });
    const again = await qualifyRequest(fakes.deps, {
      actor: ACTORS.lab,
      requestId: id,
      facilitatorIds: [FACILITATOR_A.aadId, ACTORS.lab.aadId],
    });
    assert.ok(again.ok);
    assert.equal(meetings().length, 1);
    assert.deepEqual(
      meetings()[0]!.attendees.map((a) => a.aadId),
      [REQUESTER.aadId, FACILITATOR_A.aadId, ACTORS.lab.aadId].sort(),
    );
    assert.deepEqual(
      calendar.calls.map((c) => c.op),
      ['create', 'update'],
    );
  });

  it('keeps the request’s meeting when the calendar refuses, with the reason, for the next run', async () => {
    calendar.failNext.push(
      new MeetingCalendarError('forbidden', 'permission', 'Calendars.ReadWrite'),
    );
    const id = await inQualification({ meetingDay: '2026-11-26', meetingTime: '10:00' });
    assert.equal(fakes.sessions.requests.get(id)?.qualificationMeeting?.time, '10:00');
    assert.equal(meetings()[0]!.state, 'pending');
    assert.match(meetings()[0]!.lastError ?? '', /permission: Calendars\.ReadWrite/);
  });

  it('catches up within the hour: a refused creation is tried again, a stranded meeting cancelled', async () => {
    calendar.failNext.push(new MeetingCalendarError('busy', 'throttled'));
    const id = await inQualification({ meetingDay: '2026-11-26', meetingTime: '10:00' });
    assert.equal(meetings()[0]!.state, 'pending');
    assert.equal(await catchUpQualificationMeetings(fakes.deps), 1);
    assert.equal(meetings()[0]!.state, 'active');
    assert.deepEqual(
      calendar.calls.map((c) => c.op),
      ['create'],
    );
    // Nothing changed: no call.
    await catchUpQualificationMeetings(fakes.deps);
    assert.equal(calendar.calls.length, 1);
    // The request withdrawn while the calendar could not be reached: cancelled on the next run.
    const request = fakes.sessions.requests.get(id)!;
    fakes.sessions.requests.set(id, { ...request, status: 'withdrawn' });
    await catchUpQualificationMeetings(fakes.deps);
    assert.equal(meetings()[0]!.state, 'cancelled');
    assert.deepEqual(
      calendar.calls.map((c) => c.op),
      ['create', 'cancel'],
    );
    // Past meetings are left as they were.
    fakes.clock.set(new Date('2026-11-27T09:00:00.000Z'));
    assert.equal(await catchUpQualificationMeetings(fakes.deps), 0);
  });
});
