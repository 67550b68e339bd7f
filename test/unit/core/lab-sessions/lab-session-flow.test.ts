import assert from 'node:assert/strict';
import { answerDebrief } from '../../../../src/core/lab-sessions/answer-debrief';
import { decideRequest } from '../../../../src/core/lab-sessions/decide-request';
import { getSessionRequest } from '../../../../src/core/lab-sessions/get-session-request';
import {
  countRequestsByStatus,
  listMySessions,
  listOpenRequests,
  sumCommittedEffort,
} from '../../../../src/core/lab-sessions/list-session-requests';
import {
  planSessionOccurrences,
  runSessionOccurrence,
} from '../../../../src/core/lab-sessions/plan-session-occurrences';
import { previewSessionSends } from '../../../../src/core/lab-sessions/preview-session-sends';
import { qualifyRequest } from '../../../../src/core/lab-sessions/qualify-request';
import { recordQualification } from '../../../../src/core/lab-sessions/record-qualification';
import { recordSequencing } from '../../../../src/core/lab-sessions/record-sequencing';
import {
  planColdDebrief,
  scheduleSession,
} from '../../../../src/core/lab-sessions/schedule-session';
import { saveRequestDraft, submitRequest } from '../../../../src/core/lab-sessions/submit-request';
import { withdrawRequest } from '../../../../src/core/lab-sessions/withdraw-request';
import { parseOccurrenceKey } from '../../../../src/core/jobs/occurrence';
import { createHolidayCalendar } from '../../../../src/core/scheduling/holiday-calendars';
import {
  ACTORS,
  FACILITATOR_A,
  FACILITATOR_B,
  REQUESTER,
  SPONSOR,
  VALID_FIELDS,
  createLabSessionFakes,
} from '../../../support/lab-session-fixtures';

const form = (changes: Record<string, unknown> = {}): Record<string, unknown> => ({
  ...VALID_FIELDS,
  internalParticipants: String(VALID_FIELDS.internalParticipants),
  externalParticipants: String(VALID_FIELDS.externalParticipants),
  ...changes,
});

describe('Lab session requests', () => {
  let fakes: ReturnType<typeof createLabSessionFakes>;

  beforeEach(() => {
    fakes = createLabSessionFakes();
  });

  async function submitted(): Promise<string> {
    const outcome = await submitRequest(fakes.deps, { actor: ACTORS.requester, raw: form() });
    assert.ok(outcome.ok);
    return outcome.value.id;
  }

  async function qualified(): Promise<string> {
    const id = await submitted();
    const outcome = await qualifyRequest(fakes.deps, {
      actor: ACTORS.lab,
      requestId: id,
      facilitatorIds: [FACILITATOR_A.aadId, FACILITATOR_B.aadId],
    });
    assert.ok(outcome.ok);
    return id;
  }

  async function assessed(reachable = 'yes'): Promise<string> {
    const id = await qualified();
    const outcome = await recordQualification(fakes.deps, {
      actor: ACTORS.facilitatorA,
      requestId: id,
      raw: {
        objectivesReachable: reachable,
        intentionChecked: 'true',
        format: 'Une journée, Scan / Focus / Act',
        effortDays: '6',
        risks: '',
      },
    });
    assert.ok(outcome.ok);
    return id;
  }

  async function approved(): Promise<string> {
    const id = await assessed();
    const outcome = await decideRequest(fakes.deps, {
      actor: ACTORS.lab,
      requestId: id,
      decision: 'go',
      reason: 'Prioritaire',
      revisitOn: '',
    });
    assert.ok(outcome.ok);
    return id;
  }

  describe('submitting', () => {
    it('stores the request with a tracking number of the year, drops the draft and tells the Lab team', async () => {
      await saveRequestDraft(fakes.deps, {
        actor: ACTORS.requester,
        raw: { subject: 'Brouillon' },
      });
      assert.equal(fakes.sessions.drafts.size, 1);
      const first = await submitRequest(fakes.deps, { actor: ACTORS.requester, raw: form() });
      const second = await submitRequest(fakes.deps, {
        actor: ACTORS.requester,
        raw: form({ subject: 'Un autre sujet' }),
      });
      assert.ok(first.ok && second.ok);
      assert.equal(first.value.trackingNumber, 'LAB-2026-001');
      assert.equal(second.value.trackingNumber, 'LAB-2026-002');
      assert.equal(first.value.status, 'requested');
      assert.equal(fakes.sessions.drafts.size, 0);
      const told = fakes.notifier.ofKind('labSession.requested');
      assert.equal(told.length, 2);
      assert.equal(told[0]?.notice.data.trackingNumber, 'LAB-2026-001');
    });

    it('gives back the same request when the same form is sent twice in a row', async () => {
      const first = await submitRequest(fakes.deps, { actor: ACTORS.requester, raw: form() });
      fakes.clock.set('2026-11-20T09:01:00.000Z');
      const again = await submitRequest(fakes.deps, { actor: ACTORS.requester, raw: form() });
      assert.ok(first.ok && again.ok);
      assert.equal(again.value.id, first.value.id);
      assert.equal(fakes.sessions.requests.size, 1);
      assert.equal(fakes.notifier.ofKind('labSession.requested').length, 1);
      // Later, the same form is a new request.
      fakes.clock.set('2026-11-20T10:00:00.000Z');
      const later = await submitRequest(fakes.deps, { actor: ACTORS.requester, raw: form() });
      assert.ok(later.ok);
      assert.equal(later.value.trackingNumber, 'LAB-2026-002');
    });

    it('refuses more than 60 participants in all, saying how many external ones still fit', async () => {
      const outcome = await submitRequest(fakes.deps, {
        actor: ACTORS.requester,
        raw: form({ internalParticipants: '50', externalParticipants: '11' }),
      });
      assert.ok(!outcome.ok);
      assert.deepEqual(outcome.refusal.issues, [
        { path: ['externalParticipants'], code: 'max', params: { max: 10 } },
      ]);
      assert.equal(fakes.sessions.requests.size, 0);
      assert.equal(fakes.notifier.notices.length, 0);
    });

    it('says each wrong field once, and writes nothing', async () => {
      const outcome = await submitRequest(fakes.deps, {
        actor: ACTORS.requester,
        raw: form({
          subject: '  ',
          problem: 42,
          internalParticipants: '2.5',
          externalParticipants: '61',
          constraints: 'x'.repeat(1001),
        }),
      });
      assert.ok(!outcome.ok);
      assert.deepEqual(
        outcome.refusal.issues?.map((issue) => [issue.path[0], issue.code]),
        [
          ['subject', 'required'],
          ['problem', 'expectedText'],
          ['constraints', 'tooLong'],
          ['internalParticipants', 'integer'],
          ['externalParticipants', 'max'],
        ],
      );
      assert.equal(fakes.sessions.requests.size, 0);
    });

    it('refuses a session of nobody', async () => {
      const outcome = await submitRequest(fakes.deps, {
        actor: ACTORS.requester,
        raw: form({ internalParticipants: '0', externalParticipants: '0' }),
      });
      assert.ok(!outcome.ok);
      assert.deepEqual(outcome.refusal.issues?.[0]?.code, 'min');
    });
  });

  describe('the sponsor', () => {
    it('refuses an address that is not one, under its field', async () => {
      const outcome = await submitRequest(fakes.deps, {
        actor: ACTORS.requester,
        raw: form({ sponsorEmail: 'claude at caf' }),
      });
      assert.ok(!outcome.ok);
      assert.deepEqual(outcome.refusal.issues, [
        { path: ['sponsorEmail'], code: 'email', params: {} },
      ]);
    });

    it('tells the sponsor the bot knows of the decision, and asks them the cold debrief', async () => {
      const submitted = await submitRequest(fakes.deps, {
        actor: ACTORS.requester,
        raw: form({ sponsor: 'Claude Directeur', sponsorEmail: 'Claude.Directeur@caf.fr' }),
      });
      assert.ok(submitted.ok);
      const id = submitted.value.id;
      await qualifyRequest(fakes.deps, {
        actor: ACTORS.lab,
        requestId: id,
        facilitatorIds: [FACILITATOR_A.aadId, FACILITATOR_B.aadId],
      });
      await recordQualification(fakes.deps, {
        actor: ACTORS.facilitatorA,
        requestId: id,
        raw: { objectivesReachable: 'yes', format: 'Une journée', effortDays: '5' },
      });
      await decideRequest(fakes.deps, {
        actor: ACTORS.lab,
        requestId: id,
        decision: 'go',
        reason: 'Prioritaire',
        revisitOn: '',
      });
      const go = fakes.notifier
        .ofKind('labSession.update')
        .filter((n) => n.notice.data.step === 'go')
        .map((n) => (n.recipient.kind === 'user' ? n.recipient.aadId : ''));
      assert.deepEqual(go, [
        REQUESTER.aadId,
        FACILITATOR_A.aadId,
        FACILITATOR_B.aadId,
        SPONSOR.aadId,
      ]);

      await scheduleSession(fakes.deps, {
        actor: ACTORS.lab,
        requestId: id,
        sessionDay: '2027-01-14',
        coldDebriefWeeks: '',
        overrideMinimum: false,
      });
      await runSessionOccurrence(fakes.deps, {
        job: 'lab-session-hot',
        period: '2027-01-14',
        target: id,
      });
      await runSessionOccurrence(fakes.deps, {
        job: 'lab-session-cold',
        period: '2027-02-25',
        target: id,
      });
      assert.deepEqual(
        fakes.notifier.ofKind('labSession.coldDebrief').map((n) => n.recipient),
        [
          { kind: 'user', aadId: REQUESTER.aadId },
          { kind: 'user', aadId: SPONSOR.aadId },
        ],
      );
      const answer = await answerDebrief(fakes.deps, {
        actor: { ...SPONSOR, isLab: false, timeZone: null },
        requestId: id,
        kind: 'cold',
        raw: { implemented: 'Le nouveau parcours d’accueil', followUp: 'no' },
      });
      assert.ok(answer.ok);
      const hotBySponsor = await answerDebrief(fakes.deps, {
        actor: { ...SPONSOR, isLab: false, timeZone: null },
        requestId: id,
        kind: 'hot',
        raw: { satisfaction: '5' },
      });
      assert.ok(!hotBySponsor.ok);
    });
  });

  describe('reading', () => {
    it('shows a request to the Lab team, its requester and its facilitators only', async () => {
      const id = await qualified();
      for (const actor of [ACTORS.lab, ACTORS.requester, ACTORS.facilitatorA]) {
        assert.equal((await getSessionRequest(fakes.deps, { actor, requestId: id })).ok, true);
      }
      const stranger = await getSessionRequest(fakes.deps, {
        actor: ACTORS.stranger,
        requestId: id,
      });
      assert.ok(!stranger.ok);
      assert.equal(stranger.refusal.code, 'notFound');
      assert.deepEqual(
        (await listMySessions(fakes.deps, ACTORS.facilitatorA)).map((r) => r.id),
        [id],
      );
      assert.deepEqual(await listMySessions(fakes.deps, ACTORS.stranger), []);
      const open = await listOpenRequests(fakes.deps, ACTORS.requester);
      assert.ok(!open.ok);
      assert.equal(open.refusal.code, 'labOnly');
    });
  });

  describe('qualifying', () => {
    it('names two facilitators and tells them and the requester', async () => {
      const id = await qualified();
      const request = fakes.sessions.requests.get(id);
      assert.equal(request?.status, 'qualification');
      assert.deepEqual(
        request?.facilitators.map((f) => f.name),
        ['Aline Facil', 'Bruno Facil'],
      );
      assert.deepEqual(
        fakes.notifier.ofKind('labSession.assigned').map((n) => n.recipient),
        [
          { kind: 'user', aadId: FACILITATOR_A.aadId },
          { kind: 'user', aadId: FACILITATOR_B.aadId },
        ],
      );
      assert.deepEqual(
        fakes.notifier.ofKind('labSession.update').map((n) => n.notice.data.step),
        ['qualification'],
      );
    });

    it('sets the qualification meeting, both its day and time or neither, in the Lab member’s zone', async () => {
      const id = await submitted();
      const half = await qualifyRequest(fakes.deps, {
        actor: ACTORS.lab,
        requestId: id,
        facilitatorIds: [FACILITATOR_A.aadId, FACILITATOR_B.aadId],
        meetingDay: '2026-11-26',
        meetingTime: '25:00',
      });
      assert.ok(!half.ok);
      assert.deepEqual(
        half.refusal.issues?.map((i) => [i.path[0], i.code]),
        [['meetingTime', 'time']],
      );
      const past = await qualifyRequest(fakes.deps, {
        actor: ACTORS.lab,
        requestId: id,
        facilitatorIds: [FACILITATOR_A.aadId, FACILITATOR_B.aadId],
        meetingDay: '2026-11-19',
        meetingTime: '10:00',
      });
      assert.ok(!past.ok);
      assert.equal(past.refusal.issues?.[0]?.code, 'dateOrder');
      const set = await qualifyRequest(fakes.deps, {
        actor: ACTORS.lab,
        requestId: id,
        facilitatorIds: [FACILITATOR_A.aadId, FACILITATOR_B.aadId],
        meetingDay: '2026-11-26',
        meetingTime: '10:00',
      });
      assert.ok(set.ok);
      assert.deepEqual(set.value.qualificationMeeting, {
        day: '2026-11-26',
        time: '10:00',
        timeZone: 'Europe/Paris',
        durationMinutes: 60,
      });
      const [assigned] = fakes.notifier.ofKind('labSession.assigned');
      assert.equal(assigned?.notice.data.meetingTime, '10:00');
    });

    it('never names the requester facilitator, even when they are in the pool', async () => {
      const id = await submitted();
      const outcome = await qualifyRequest(fakes.deps, {
        actor: ACTORS.lab,
        requestId: id,
        facilitatorIds: [FACILITATOR_A.aadId, REQUESTER.aadId.toUpperCase()],
      });
      assert.ok(!outcome.ok);
      assert.equal(outcome.refusal.issues?.[0]?.code, 'notYourself');
      assert.equal(fakes.sessions.requests.get(id)?.status, 'requested');
    });

    it('wants exactly two different people of the pool, and the Lab team only', async () => {
      const id = await submitted();
      const tries: [typeof ACTORS.lab, string[], string][] = [
        [ACTORS.lab, [FACILITATOR_A.aadId, FACILITATOR_A.aadId.toUpperCase()], 'tooShort'],
        [ACTORS.lab, [FACILITATOR_A.aadId, ACTORS.stranger.aadId], 'choice'],
      ];
      for (const [actor, facilitatorIds, code] of tries) {
        const outcome = await qualifyRequest(fakes.deps, { actor, requestId: id, facilitatorIds });
        assert.ok(!outcome.ok);
        assert.equal(outcome.refusal.issues?.[0]?.code, code);
      }
      const byFacilitator = await qualifyRequest(fakes.deps, {
        actor: ACTORS.facilitatorA,
        requestId: id,
        facilitatorIds: [FACILITATOR_A.aadId, FACILITATOR_B.aadId],
      });
      assert.ok(!byFacilitator.ok);
      assert.equal(byFacilitator.refusal.code, 'labOnly');
      assert.equal(fakes.sessions.requests.get(id)?.status, 'requested');
    });
  });

  describe('the qualification card', () => {
    it('is filled by a facilitator of the request, checked field by field', async () => {
      const id = await qualified();
      const invalid = await recordQualification(fakes.deps, {
        actor: ACTORS.facilitatorA,
        requestId: id,
        raw: { objectivesReachable: 'maybe', format: '', effortDays: '90' },
      });
      assert.ok(!invalid.ok);
      assert.deepEqual(
        invalid.refusal.issues?.map((i) => [i.path[0], i.code]),
        [
          ['objectivesReachable', 'choice'],
          ['format', 'required'],
          ['effortDays', 'max'],
        ],
      );
      const byStranger = await recordQualification(fakes.deps, {
        actor: ACTORS.stranger,
        requestId: id,
        raw: { objectivesReachable: 'yes', format: 'x', effortDays: '3' },
      });
      assert.ok(!byStranger.ok);
      assert.equal(byStranger.refusal.code, 'notFound');
      const byRequester = await recordQualification(fakes.deps, {
        actor: ACTORS.requester,
        requestId: id,
        raw: { objectivesReachable: 'yes', format: 'x', effortDays: '3' },
      });
      assert.ok(!byRequester.ok);
      assert.equal(fakes.sessions.requests.get(id)?.qualification, null);
      const saved = await recordQualification(fakes.deps, {
        actor: ACTORS.facilitatorA,
        requestId: id,
        raw: { objectivesReachable: 'yes', format: 'Deux demi-journées', effortDays: '4.5' },
      });
      assert.ok(saved.ok);
      assert.equal(saved.value.qualification?.effortDays, 4.5);
      assert.equal(saved.value.qualification?.intentionChecked, false);
    });

    it('must say the objectives are reachable before a go, while a no needs no card', async () => {
      const unqualified = await qualified();
      const early = await decideRequest(fakes.deps, {
        actor: ACTORS.lab,
        requestId: unqualified,
        decision: 'go',
        reason: 'Oui',
        revisitOn: '',
      });
      assert.ok(!early.ok);
      assert.equal(early.refusal.code, 'notQualified');
      const unreachable = await assessed('no');
      const go = await decideRequest(fakes.deps, {
        actor: ACTORS.lab,
        requestId: unreachable,
        decision: 'go',
        reason: 'Oui',
        revisitOn: '',
      });
      assert.ok(!go.ok);
      assert.equal(go.refusal.code, 'notQualified');
      const no = await decideRequest(fakes.deps, {
        actor: ACTORS.lab,
        requestId: unreachable,
        decision: 'noGo',
        reason: 'Objectifs hors de portée d’une session',
        revisitOn: '',
      });
      assert.ok(no.ok);
      assert.equal(no.value.status, 'declined');
    });
  });

  describe('go / no-go', () => {
    it('needs a reason, and a later day for "not now"', async () => {
      const id = await qualified();
      const noReason = await decideRequest(fakes.deps, {
        actor: ACTORS.lab,
        requestId: id,
        decision: 'noGo',
        reason: ' ',
        revisitOn: '',
      });
      assert.ok(!noReason.ok);
      assert.equal(noReason.refusal.issues?.[0]?.path[0], 'reason');
      const pastDay = await decideRequest(fakes.deps, {
        actor: ACTORS.lab,
        requestId: id,
        decision: 'notNow',
        reason: 'Charge',
        revisitOn: '2026-11-20',
      });
      assert.ok(!pastDay.ok);
      assert.equal(pastDay.refusal.issues?.[0]?.code, 'dateOrder');
      assert.equal(fakes.sessions.requests.get(id)?.status, 'qualification');
    });

    it('puts off a request "not now", which comes back to the Lab team on its day', async () => {
      const id = await qualified();
      const outcome = await decideRequest(fakes.deps, {
        actor: ACTORS.lab,
        requestId: id,
        decision: 'notNow',
        reason: 'Trop de charge en décembre',
        revisitOn: '2027-01-11',
      });
      assert.ok(outcome.ok);
      assert.equal(outcome.value.status, 'postponed');
      const [occurrence] = await planSessionOccurrences(fakes.deps, fakes.clock.now());
      assert.equal(occurrence?.key, `lab-session-revisit:2027-01-11:${id}`);
      assert.equal(occurrence?.dueAt.toISOString(), '2027-01-11T08:30:00.000Z');
      await runSessionOccurrence(fakes.deps, parseOccurrenceKey(occurrence.key)!);
      assert.equal(fakes.sessions.requests.get(id)?.status, 'qualification');
      const back = fakes.notifier.ofKind('labSession.requested').at(-1);
      assert.equal(back?.notice.data.back, true);
    });

    it('refuses a decision from someone outside the Lab team, or on a request not qualified', async () => {
      const id = await submitted();
      const early = await decideRequest(fakes.deps, {
        actor: ACTORS.lab,
        requestId: id,
        decision: 'go',
        reason: 'Oui',
        revisitOn: '',
      });
      assert.ok(!early.ok);
      assert.equal(early.refusal.code, 'wrongStatus');
      const notLab = await decideRequest(fakes.deps, {
        actor: ACTORS.requester,
        requestId: id,
        decision: 'go',
        reason: 'Oui',
        revisitOn: '',
      });
      assert.ok(!notLab.ok);
      assert.equal(notLab.refusal.code, 'labOnly');
    });
  });

  describe('scheduling', () => {
    const schedule = (
      actor: (typeof ACTORS)[keyof typeof ACTORS],
      id: string,
      day: string,
      override = false,
    ) =>
      scheduleSession(fakes.deps, {
        actor,
        requestId: id,
        sessionDay: day,
        coldDebriefWeeks: '',
        overrideMinimum: override,
      });

    it('lets a facilitator set a working day 4 weeks ahead or more, with the cold debrief 6 weeks after', async () => {
      const id = await approved();
      const outcome = await schedule(ACTORS.facilitatorA, id, '2027-01-14');
      assert.ok(outcome.ok);
      assert.equal(outcome.value.sessionDay, '2027-01-14');
      assert.equal(outcome.value.coldDebriefDay, '2027-02-25');
      assert.deepEqual(
        fakes.notifier.ofKind('labSession.update').filter((n) => n.notice.data.step === 'scheduled')
          .length,
        3,
      );
    });

    it('lets a facilitator write the sequencing, block by block, with a method each', async () => {
      const id = await approved();
      const invalid = await recordSequencing(fakes.deps, {
        actor: ACTORS.facilitatorA,
        requestId: id,
        raw: {
          block1Title: 'Accueil',
          block1Minutes: '2',
          block1Method: 'scan',
          block2Title: 'x',
          block2Method: 'dance',
        },
      });
      assert.ok(!invalid.ok);
      assert.deepEqual(
        invalid.refusal.issues?.map((i) => [i.path[0], i.code]),
        [
          ['block1Minutes', 'min'],
          ['block2Minutes', 'required'],
          ['block2Method', 'choice'],
        ],
      );
      const empty = await recordSequencing(fakes.deps, {
        actor: ACTORS.facilitatorA,
        requestId: id,
        raw: {},
      });
      assert.ok(!empty.ok);
      const byRequester = await recordSequencing(fakes.deps, {
        actor: ACTORS.requester,
        requestId: id,
        raw: { block1Title: 'Accueil', block1Minutes: '30', block1Method: 'other' },
      });
      assert.ok(!byRequester.ok);
      assert.equal(byRequester.refusal.code, 'notFound');
      const saved = await recordSequencing(fakes.deps, {
        actor: ACTORS.facilitatorA,
        requestId: id,
        raw: {
          block1Title: 'Se mettre à la place des allocataires',
          block1Minutes: '90',
          block1Method: 'scan',
          block3Title: 'Prototypes de parcours',
          block3Minutes: '120',
          block3Method: 'focus',
        },
      });
      assert.ok(saved.ok);
      assert.deepEqual(
        saved.value.sequencing?.blocks.map((b) => [b.minutes, b.method]),
        [
          [90, 'scan'],
          [120, 'focus'],
        ],
      );
    });

    it('refuses a day less than 4 weeks ahead unless a Lab member overrides', async () => {
      const id = await approved();
      const tooSoon = await schedule(ACTORS.facilitatorA, id, '2026-12-10', true);
      assert.ok(!tooSoon.ok);
      assert.deepEqual(tooSoon.refusal.issues?.[0], {
        path: ['sessionDay'],
        code: 'min',
        params: { min: '2026-12-18' },
      });
      assert.equal(fakes.sessions.requests.get(id)?.sessionDay, null);
      const overridden = await schedule(ACTORS.lab, id, '2026-12-10', true);
      assert.ok(overridden.ok);
    });

    it('refuses a weekend or a public holiday of the requester’s calendar', async () => {
      const id = await approved();
      for (const day of ['2027-01-16', '2027-03-29']) {
        const outcome = await schedule(ACTORS.lab, id, day);
        assert.ok(!outcome.ok, day);
        assert.equal(outcome.refusal.issues?.[0]?.code, 'invalid');
      }
    });

    it('hides the request from someone who neither facilitates it nor is in the Lab team', async () => {
      const id = await approved();
      const outcome = await schedule(ACTORS.requester, id, '2027-01-14');
      assert.ok(!outcome.ok);
      assert.equal(outcome.refusal.code, 'notFound');
    });

    it('moves the cold debrief off holidays, within 5 to 8 weeks', () => {
      const calendar = createHolidayCalendar('FR');
      // 6 weeks after 2027-03-25 is Thursday 6 May; Ascension is Thursday 6 May 2027.
      assert.equal(planColdDebrief('2027-03-25', 42, calendar), '2027-05-07');
      // 8 weeks after Tuesday 2027-03-16 is Tuesday 11 May (a working day).
      assert.equal(planColdDebrief('2027-03-16', 56, calendar), '2027-05-11');
    });
  });

  describe('debriefs', () => {
    it('sends the hot debrief at the end of the session day, then the cold one on its day, and keeps the answers', async () => {
      const id = await approved();
      await scheduleSession(fakes.deps, {
        actor: ACTORS.lab,
        requestId: id,
        sessionDay: '2027-01-14',
        coldDebriefWeeks: '6',
        overrideMinimum: false,
      });
      const hot = (await planSessionOccurrences(fakes.deps, fakes.clock.now())).find((o) =>
        o.key.startsWith('lab-session-hot:'),
      );
      assert.equal(hot?.key, `lab-session-hot:2027-01-14:${id}`);
      assert.equal(hot?.dueAt.toISOString(), '2027-01-14T16:30:00.000Z');
      await runSessionOccurrence(fakes.deps, parseOccurrenceKey(hot.key)!);
      assert.equal(fakes.sessions.requests.get(id)?.status, 'held');
      assert.deepEqual(
        fakes.notifier.ofKind('labSession.hotDebrief').map((n) => n.recipient),
        [
          { kind: 'user', aadId: REQUESTER.aadId },
          { kind: 'user', aadId: FACILITATOR_A.aadId },
          { kind: 'user', aadId: FACILITATOR_B.aadId },
        ],
      );
      const answered = await answerDebrief(fakes.deps, {
        actor: ACTORS.facilitatorA,
        requestId: id,
        kind: 'hot',
        raw: { satisfaction: '4', takeaway: 'Le prénom seul libère la parole' },
      });
      assert.ok(answered.ok);
      const strangerAnswer = await answerDebrief(fakes.deps, {
        actor: ACTORS.stranger,
        requestId: id,
        kind: 'hot',
        raw: { satisfaction: '1' },
      });
      assert.ok(!strangerAnswer.ok);
      const coldTooEarly = await answerDebrief(fakes.deps, {
        actor: ACTORS.requester,
        requestId: id,
        kind: 'cold',
        raw: { implemented: 'x', followUp: 'no' },
      });
      assert.ok(!coldTooEarly.ok);
      assert.equal(coldTooEarly.refusal.code, 'wrongStatus');

      const [cold] = await planSessionOccurrences(fakes.deps, fakes.clock.now());
      assert.equal(cold?.key, `lab-session-cold:2027-02-25:${id}`);
      await runSessionOccurrence(fakes.deps, parseOccurrenceKey(cold.key)!);
      assert.equal(fakes.sessions.requests.get(id)?.status, 'coldDebrief');
      const coldByFacilitator = await answerDebrief(fakes.deps, {
        actor: ACTORS.facilitatorA,
        requestId: id,
        kind: 'cold',
        raw: { implemented: 'x', followUp: 'no' },
      });
      assert.ok(!coldByFacilitator.ok);
      const invalid = await answerDebrief(fakes.deps, {
        actor: ACTORS.requester,
        requestId: id,
        kind: 'cold',
        raw: { implemented: '', followUp: 'maybe' },
      });
      assert.ok(!invalid.ok);
      assert.deepEqual(
        invalid.refusal.issues?.map((i) => [i.path[0], i.code]),
        [
          ['followUp', 'choice'],
          ['implemented', 'required'],
        ],
      );
      const coldAnswer = await answerDebrief(fakes.deps, {
        actor: ACTORS.requester,
        requestId: id,
        kind: 'cold',
        raw: { implemented: 'Deux prototypes en agence', followUp: 'yes' },
      });
      assert.ok(coldAnswer.ok);
      assert.deepEqual(
        fakes.sessions.debriefs.map((a) => [a.kind, a.answers.satisfaction ?? a.answers.followUp]),
        [
          ['hot', 4],
          ['cold', 'yes'],
        ],
      );
      // The cold debrief's reminder is still planned, but the requester answered: nothing goes out.
      const [reminder] = await planSessionOccurrences(fakes.deps, fakes.clock.now());
      assert.equal(reminder?.key, `lab-session-cold-reminder:2027-03-04:${id}`);
      await runSessionOccurrence(fakes.deps, parseOccurrenceKey(reminder.key)!);
      assert.equal(fakes.notifier.ofKind('labSession.coldDebrief').length, 1);
    });

    it('reminds each facilitator of the preparation milestones at 09:30 in their own zone, off weekends', async () => {
      const id = await approved();
      await scheduleSession(fakes.deps, {
        actor: ACTORS.lab,
        requestId: id,
        sessionDay: '2027-01-18',
        coldDebriefWeeks: '',
        overrideMinimum: false,
      });
      const prep = (await planSessionOccurrences(fakes.deps, fakes.clock.now())).filter((o) =>
        o.key.startsWith('lab-session-prep:'),
      );
      // J-28 Monday 21 Dec; J-21 Monday 28 Dec; J-7 Monday 11 Jan; J-1 is Sunday 17 Jan: Friday 15.
      assert.deepEqual(
        prep.map((o) => parseOccurrenceKey(o.key)?.period),
        ['2026-12-21', '2026-12-28', '2027-01-11', '2027-01-15'],
      );
      assert.equal(prep[3]?.dueAt.toISOString(), '2027-01-14T11:00:00.000Z');
      await runSessionOccurrence(fakes.deps, parseOccurrenceKey(prep[3].key)!);
      const sent = fakes.notifier.ofKind('labSession.milestone');
      assert.deepEqual(
        sent.map((n) => [n.recipient, n.notice.data.milestone, n.notBefore?.toISOString()]),
        [
          [{ kind: 'user', aadId: FACILITATOR_A.aadId }, 'finalBrief', '2027-01-15T08:30:00.000Z'],
          [{ kind: 'user', aadId: FACILITATOR_B.aadId }, 'finalBrief', '2027-01-15T12:30:00.000Z'],
        ],
      );
      // Moved meanwhile: the reminder of the old date is not sent.
      await scheduleSession(fakes.deps, {
        actor: ACTORS.lab,
        requestId: id,
        sessionDay: '2027-01-21',
        coldDebriefWeeks: '',
        overrideMinimum: false,
      });
      await runSessionOccurrence(fakes.deps, parseOccurrenceKey(prep[2]!.key)!);
      assert.equal(fakes.notifier.ofKind('labSession.milestone').length, 2);
    });

    it('sends the J-28 reminder of a session dated exactly 4 weeks ahead that day, as the preview says', async () => {
      const id = await approved();
      // Friday 20 November 2026, 10:00 in Paris: the session on Friday 18 December, J-28 today.
      await scheduleSession(fakes.deps, {
        actor: ACTORS.lab,
        requestId: id,
        sessionDay: '2026-12-18',
        coldDebriefWeeks: '',
        overrideMinimum: false,
      });
      const preview = await previewSessionSends(fakes.deps, {
        from: '2026-11-20',
        to: '2026-11-20',
      });
      assert.deepEqual(
        preview.map((send) => send.kind),
        ['scenario'],
      );
      const now = fakes.clock.now();
      const due = (await planSessionOccurrences(fakes.deps, now)).filter(
        (o) =>
          o.key.startsWith('lab-session-prep:2026-11-20:') && o.dueAt <= now && now < o.expiresAt,
      );
      assert.equal(due.length, 1, 'planned, and due now');
      await runSessionOccurrence(fakes.deps, parseOccurrenceKey(due[0]!.key)!);
      assert.deepEqual(
        fakes.notifier.ofKind('labSession.milestone').map((n) => n.notice.data.milestone),
        ['scenario', 'scenario'],
      );
    });

    it('leaves a session whose day moved meanwhile alone', async () => {
      const id = await approved();
      const base = {
        actor: ACTORS.lab,
        requestId: id,
        coldDebriefWeeks: '',
        overrideMinimum: false,
      };
      await scheduleSession(fakes.deps, { ...base, sessionDay: '2027-01-14' });
      await scheduleSession(fakes.deps, { ...base, sessionDay: '2027-01-21' });
      await runSessionOccurrence(fakes.deps, {
        job: 'lab-session-hot',
        period: '2027-01-14',
        target: id,
      });
      assert.equal(fakes.sessions.requests.get(id)?.status, 'preparation');
      assert.equal(fakes.notifier.ofKind('labSession.hotDebrief').length, 0);
    });
  });

  describe('the preview of sends', () => {
    it('lists the preparation reminders, both debriefs and the reminder of a dated session, in range', async () => {
      const id = await approved();
      await scheduleSession(fakes.deps, {
        actor: ACTORS.lab,
        requestId: id,
        sessionDay: '2027-01-18',
        coldDebriefWeeks: '',
        overrideMinimum: false,
      });
      const all = await previewSessionSends(fakes.deps, { from: '2026-11-20', to: '2027-12-31' });
      assert.deepEqual(
        all.map((s) => [s.day, s.time, s.kind]),
        [
          ['2026-12-21', '09:30', 'scenario'],
          ['2026-12-28', '09:30', 'invitations'],
          ['2027-01-11', '09:30', 'logistics'],
          ['2027-01-15', '09:30', 'finalBrief'],
          ['2027-01-18', '17:30', 'hot'],
          ['2027-03-01', '09:30', 'cold'],
          ['2027-03-08', '09:30', 'coldReminder'],
        ],
      );
      const january = await previewSessionSends(fakes.deps, {
        from: '2027-01-01',
        to: '2027-01-31',
      });
      assert.deepEqual(
        january.map((s) => s.kind),
        ['logistics', 'finalBrief', 'hot'],
      );
    });
  });

  describe('the cold debrief reminder', () => {
    it('reminds the requester a week after the cold debrief when they have not answered', async () => {
      const id = await approved();
      await scheduleSession(fakes.deps, {
        actor: ACTORS.lab,
        requestId: id,
        sessionDay: '2027-01-14',
        coldDebriefWeeks: '',
        overrideMinimum: false,
      });
      await runSessionOccurrence(fakes.deps, {
        job: 'lab-session-hot',
        period: '2027-01-14',
        target: id,
      });
      await runSessionOccurrence(fakes.deps, {
        job: 'lab-session-cold',
        period: '2027-02-25',
        target: id,
      });
      fakes.clock.set('2027-03-04T08:00:00.000Z');
      const [reminder] = await planSessionOccurrences(fakes.deps, fakes.clock.now());
      assert.equal(reminder?.dueAt.toISOString(), '2027-03-04T08:30:00.000Z');
      await runSessionOccurrence(fakes.deps, parseOccurrenceKey(reminder.key)!);
      const cold = fakes.notifier.ofKind('labSession.coldDebrief');
      assert.deepEqual(
        cold.map((n) => n.notice.data.reminder ?? false),
        [false, true],
      );
      // Weeks later the reminder is no longer planned.
      fakes.clock.set('2027-04-30T08:00:00.000Z');
      assert.deepEqual(await planSessionOccurrences(fakes.deps, fakes.clock.now()), []);
    });
  });

  describe('committed effort', () => {
    it('sums the qualified effort by session month, and apart what awaits a go', async () => {
      const dated = await approved();
      await scheduleSession(fakes.deps, {
        actor: ACTORS.lab,
        requestId: dated,
        sessionDay: '2027-01-14',
        coldDebriefWeeks: '',
        overrideMinimum: false,
      });
      await approved();
      await assessed();
      await submitted();
      assert.deepEqual(await sumCommittedEffort(fakes.deps, '2026-11'), {
        byMonth: [
          { month: '2026-11', days: 6 },
          { month: '2027-01', days: 6 },
        ],
        awaitingGo: 6,
      });
      // Later, the January session drops out; the undated one still counts in the current month.
      assert.deepEqual((await sumCommittedEffort(fakes.deps, '2027-02')).byMonth, [
        { month: '2027-02', days: 6 },
      ]);
    });
  });

  describe('withdrawing and counting', () => {
    it('lets only the requester withdraw an open request, and counts every status', async () => {
      const id = await qualified();
      const byLab = await withdrawRequest(fakes.deps, { actor: ACTORS.lab, requestId: id });
      assert.ok(!byLab.ok);
      assert.equal(byLab.refusal.code, 'forbidden');
      const mine = await withdrawRequest(fakes.deps, { actor: ACTORS.requester, requestId: id });
      assert.ok(mine.ok);
      assert.equal(fakes.notifier.ofKind('labSession.withdrawn').length, 1);
      const again = await withdrawRequest(fakes.deps, { actor: ACTORS.requester, requestId: id });
      assert.ok(!again.ok);
      assert.equal(again.refusal.code, 'wrongStatus');
      await submitted();
      const counts = await countRequestsByStatus(fakes.deps);
      assert.equal(counts.withdrawn, 1);
      assert.equal(counts.requested, 1);
      assert.equal(counts.preparation, 0);
    });
  });
});
