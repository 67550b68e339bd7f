import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { answerDebrief } from '../../../src/core/lab-sessions/answer-debrief';
import { decideRequest } from '../../../src/core/lab-sessions/decide-request';
import type { SessionActor } from '../../../src/core/lab-sessions/lab-session-deps';
import { qualifyRequest } from '../../../src/core/lab-sessions/qualify-request';
import { recordQualification } from '../../../src/core/lab-sessions/record-qualification';
import { scheduleSession } from '../../../src/core/lab-sessions/schedule-session';
import { submitRequest } from '../../../src/core/lab-sessions/submit-request';
import {
  createHolidayCalendar,
  toHolidayCalendarId,
} from '../../../src/core/scheduling/holiday-calendars';
import { isWorkingDay, toLocalDay } from '../../../src/core/scheduling/local-days';
import { createLabSessionJob } from '../../../src/jobs/create-lab-session-job';
import { createScheduledJob } from '../../../src/jobs/create-scheduled-job';
import { createLogger } from '../../../src/logger';
import { InMemoryOccurrenceStore } from '../../support/follow-up-fakes';
import {
  ACTORS,
  FACILITATOR_A,
  FACILITATOR_B,
  LAB_MEMBER,
  REQUESTER,
  VALID_FIELDS,
  createLabSessionFakes,
} from '../../support/lab-session-fixtures';

/** The committed list of every Lab session card of the year; UPDATE_GOLDEN=1 rewrites it. */
const GOLDEN = join(__dirname, '../../fixtures/golden/lab-sessions-year-2027.txt');

/** Every half hour is enough for sends at HH:30 (production ticks every minute). */
const TICK_MS = 30 * 60 * 1000;
const START = new Date('2026-11-20T00:00:00Z');
const END = new Date('2027-07-15T00:00:00Z');

/** A director in French Guiana who asks for a session. */
const MAELYS: SessionActor = {
  aadId: 'cccccccc-0000-4000-8000-00000000000c',
  name: 'Maëlys Horth',
  isLab: false,
  timeZone: 'America/Cayenne',
};

/** Everyone's zone, as their Teams client reports it. */
const ZONES = new Map<string, { name: string; zone: string }>([
  [REQUESTER.aadId, { name: REQUESTER.name, zone: 'Europe/Paris' }],
  [MAELYS.aadId, { name: MAELYS.name, zone: 'America/Cayenne' }],
  [FACILITATOR_A.aadId, { name: FACILITATOR_A.name, zone: 'Europe/Paris' }],
  [FACILITATOR_B.aadId, { name: FACILITATOR_B.name, zone: 'America/Cayenne' }],
  [LAB_MEMBER.aadId, { name: LAB_MEMBER.name, zone: 'Europe/Paris' }],
]);

const HEADER = [
  '# Every Lab session card from 20 November 2026 to 14 July 2027, one line per card: local day and',
  '# time of the recipient, their zone, the kind (and step or milestone), the request, the recipient.',
  '# Scenario (test/unit/jobs/lab-sessions-year.test.ts): LAB-2026-001 (Paris) gets its go and a session',
  '# on 14 January, its cold debrief unanswered; LAB-2026-002 (Cayenne) is put off "not now" until',
  '# Saturday 6 March, comes back on Monday 8, gets its go and a session on 20 May, cold debrief answered;',
  '# LAB-2026-003 (Paris) gets a no.',
];

type Kit = ReturnType<typeof createLabSessionFakes>;
type Action = { at: string; run: (kit: Kit) => Promise<{ ok: boolean }> };

const form = { ...VALID_FIELDS, internalParticipants: '30', externalParticipants: '12' };
const byTracking = async (kit: Kit, tracking: string): Promise<string> =>
  (await kit.sessions.list()).find((r) => r.trackingNumber === tracking)!.id;
const both = [FACILITATOR_A.aadId, FACILITATOR_B.aadId];
const qualification = { objectivesReachable: 'yes', format: 'Une journée', effortDays: '6' };

const YEAR: Action[] = [
  {
    at: '2026-11-20T09:00:00Z',
    run: (k) => submitRequest(k.deps, { actor: ACTORS.requester, raw: form }),
  },
  {
    at: '2026-11-23T10:00:00Z',
    run: async (k) =>
      qualifyRequest(k.deps, {
        actor: ACTORS.lab,
        requestId: await byTracking(k, 'LAB-2026-001'),
        facilitatorIds: both,
      }),
  },
  {
    at: '2026-11-24T14:00:00Z',
    run: (k) =>
      submitRequest(k.deps, { actor: MAELYS, raw: { ...form, subject: 'Accueil à Cayenne' } }),
  },
  {
    at: '2026-11-25T14:00:00Z',
    run: async (k) =>
      qualifyRequest(k.deps, {
        actor: ACTORS.lab,
        requestId: await byTracking(k, 'LAB-2026-002'),
        facilitatorIds: both,
      }),
  },
  {
    at: '2026-11-26T10:00:00Z',
    run: async (k) =>
      recordQualification(k.deps, {
        actor: ACTORS.facilitatorA,
        requestId: await byTracking(k, 'LAB-2026-001'),
        raw: qualification,
      }),
  },
  {
    at: '2026-11-27T14:00:00Z',
    run: async (k) =>
      decideRequest(k.deps, {
        actor: ACTORS.lab,
        requestId: await byTracking(k, 'LAB-2026-002'),
        decision: 'notNow',
        reason: 'Charge de décembre',
        revisitOn: '2027-03-06',
      }),
  },
  {
    at: '2026-11-30T10:00:00Z',
    run: async (k) =>
      decideRequest(k.deps, {
        actor: ACTORS.lab,
        requestId: await byTracking(k, 'LAB-2026-001'),
        decision: 'go',
        reason: 'Prioritaire',
        revisitOn: '',
      }),
  },
  {
    at: '2026-12-01T10:00:00Z',
    run: async (k) =>
      scheduleSession(k.deps, {
        actor: ACTORS.facilitatorA,
        requestId: await byTracking(k, 'LAB-2026-001'),
        sessionDay: '2027-01-14',
        coldDebriefWeeks: '6',
        overrideMinimum: false,
      }),
  },
  {
    at: '2026-12-02T09:00:00Z',
    run: (k) =>
      submitRequest(k.deps, {
        actor: ACTORS.requester,
        raw: { ...form, subject: 'Refonte du site' },
      }),
  },
  {
    at: '2026-12-03T09:00:00Z',
    run: async (k) =>
      qualifyRequest(k.deps, {
        actor: ACTORS.lab,
        requestId: await byTracking(k, 'LAB-2026-003'),
        facilitatorIds: both,
      }),
  },
  {
    at: '2026-12-07T09:00:00Z',
    run: async (k) =>
      decideRequest(k.deps, {
        actor: ACTORS.lab,
        requestId: await byTracking(k, 'LAB-2026-003'),
        decision: 'noGo',
        reason: 'Hors du champ du Lab',
        revisitOn: '',
      }),
  },
  {
    at: '2027-03-09T14:00:00Z',
    run: async (k) =>
      recordQualification(k.deps, {
        actor: ACTORS.facilitatorA,
        requestId: await byTracking(k, 'LAB-2026-002'),
        raw: qualification,
      }),
  },
  {
    at: '2027-03-10T14:00:00Z',
    run: async (k) =>
      decideRequest(k.deps, {
        actor: ACTORS.lab,
        requestId: await byTracking(k, 'LAB-2026-002'),
        decision: 'go',
        reason: 'Le moment est venu',
        revisitOn: '',
      }),
  },
  {
    at: '2027-03-11T14:00:00Z',
    run: async (k) =>
      scheduleSession(k.deps, {
        actor: ACTORS.lab,
        requestId: await byTracking(k, 'LAB-2026-002'),
        sessionDay: '2027-05-20',
        coldDebriefWeeks: '6',
        overrideMinimum: false,
      }),
  },
  {
    at: '2027-07-02T14:00:00Z',
    run: async (k) =>
      answerDebrief(k.deps, {
        actor: MAELYS,
        requestId: await byTracking(k, 'LAB-2026-002'),
        kind: 'cold',
        raw: { implemented: 'Un accueil sans rendez-vous', followUp: 'no' },
      }),
  },
];

interface Sent {
  line: string;
  kind: string;
  tracking: string;
  aadId: string;
  instant: Date;
  zone: string;
}

describe('a year of Lab session requests, with a fake clock from November to July', function () {
  this.timeout(120_000);
  let sent: Sent[];

  before(async () => {
    const kit = createLabSessionFakes(START);
    // Each person's zone as their Teams client reports it.
    kit.deps.zoneOf = (aadId) => Promise.resolve(ZONES.get(aadId)?.zone ?? 'Europe/Paris');
    const logger = createLogger('silent');
    const job = createScheduledJob(createLabSessionJob(kit.deps), {
      occurrences: new InMemoryOccurrenceStore(),
      clock: kit.clock,
      owner: 'year',
      logger,
    });
    let next = 0;
    for (let at = START.getTime(); at <= END.getTime(); at += TICK_MS) {
      kit.clock.set(new Date(at));
      while (next < YEAR.length && Date.parse(YEAR[next]!.at) <= at) {
        const outcome = await YEAR[next]!.run(kit);
        assert.ok(outcome.ok, `${YEAR[next]!.at}: ${JSON.stringify(outcome)}`);
        next += 1;
      }
      const report = await job.tick();
      assert.deepEqual(report.failed, [], `failed at ${new Date(at).toISOString()}`);
    }
    assert.equal(next, YEAR.length, 'every action of the year ran');
    // A notice without notBefore (a person's action) goes out when it is queued.
    sent = kit.notifier.notices.map((notice) => {
      const recipient = notice.recipient.kind === 'user' ? notice.recipient.aadId : '';
      const person = ZONES.get(recipient);
      assert.ok(person, `${notice.key} went to someone unexpected`);
      const instant = notice.notBefore ?? notice.queuedAt;
      const data = notice.notice.data;
      const detail =
        typeof data.step === 'string'
          ? data.step
          : typeof data.milestone === 'string'
            ? data.milestone
            : data.reminder === true
              ? 'reminder'
              : '';
      const kind = `${notice.notice.kind}${detail === '' ? '' : `.${detail}`}`;
      const tracking = String(data.trackingNumber);
      return {
        line: [
          `${toLocalDay(instant, person.zone)} ${localTime(instant, person.zone)}`,
          person.zone.padEnd(16),
          kind.padEnd(36),
          tracking,
          person.name,
        ].join('  '),
        kind,
        tracking,
        aadId: recipient,
        instant,
        zone: person.zone,
      };
    });
  });

  it('sends exactly the cards of the golden file, on those local days and times, to those people', () => {
    const actual = sent.map((s) => s.line).sort();
    if (process.env.UPDATE_GOLDEN === '1') {
      writeFileSync(GOLDEN, `${[...HEADER, ...actual].join('\n')}\n`);
    }
    const expected = readFileSync(GOLDEN, 'utf8')
      .trimEnd()
      .split('\n')
      .filter((line) => !line.startsWith('#'));
    assert.deepEqual(actual, expected);
  });

  it('sends nothing on a weekend or a public holiday of the recipient', () => {
    for (const card of sent) {
      const calendar = createHolidayCalendar(toHolidayCalendarId(card.zone));
      assert.ok(isWorkingDay(toLocalDay(card.instant, card.zone), calendar), card.line);
    }
  });

  it('brings the request put off until a Saturday back on the Monday, 09:30 in Cayenne', () => {
    const back = sent.filter(
      (s) => s.tracking === 'LAB-2026-002' && s.kind === 'labSession.requested',
    );
    assert.deepEqual(
      back.map((s) => s.instant.toISOString()),
      ['2026-11-24T14:00:00.000Z', '2027-03-08T12:30:00.000Z'],
    );
  });

  it('asks the cold debrief 6 weeks after, and reminds only the requester who did not answer', () => {
    const cold = sent.filter((s) => s.kind.startsWith('labSession.coldDebrief'));
    assert.deepEqual(
      cold.map((s) => [s.tracking, s.kind, toLocalDay(s.instant, s.zone)]),
      [
        ['LAB-2026-001', 'labSession.coldDebrief', '2027-02-25'],
        ['LAB-2026-001', 'labSession.coldDebrief.reminder', '2027-03-04'],
        ['LAB-2026-002', 'labSession.coldDebrief', '2027-07-01'],
      ],
    );
  });

  it('holds a card sent outside working hours until 09:30 on the recipient’s next working day', () => {
    const hot = sent.filter(
      (s) => s.tracking === 'LAB-2026-002' && s.kind === 'labSession.hotDebrief',
    );
    assert.deepEqual(hot.map((s) => s.line.slice(0, 35).trim()).sort(), [
      '2027-05-20 17:30  America/Cayenne',
      '2027-05-20 17:30  America/Cayenne',
      '2027-05-21 09:30  Europe/Paris',
    ]);
  });

  it('tells the declined requester why, and never plans anything for that request', () => {
    const declined = sent.filter((s) => s.tracking === 'LAB-2026-003');
    assert.deepEqual(
      [...new Set(declined.map((s) => s.kind))],
      [
        'labSession.requested',
        'labSession.assigned',
        'labSession.update.qualification',
        'labSession.update.noGo',
      ],
    );
  });
});

function localTime(instant: Date, zone: string): string {
  return new Intl.DateTimeFormat('fr-FR', {
    timeZone: zone,
    hour: '2-digit',
    minute: '2-digit',
  }).format(instant);
}
