import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { declareAbsence } from '../../../src/core/follow-up/absences';
import { answerCheckin } from '../../../src/core/follow-up/answer-checkin';
import { type FollowUpActor, loadFollowUpInput } from '../../../src/core/follow-up/team-context';
import { planFollowUpSends } from '../../../src/core/follow-up/plan-follow-up-sends';
import type { PlannedSend } from '../../../src/core/follow-up/planned-send';
import type { Notice, NoticeRecipient, Notifier } from '../../../src/core/ports/notifier';
import { answerReview } from '../../../src/core/follow-up/answer-review';
import { toLocalDay } from '../../../src/core/scheduling/local-days';
import { createFollowUpJob } from '../../../src/jobs/create-follow-up-job';
import { createScheduledJob } from '../../../src/jobs/create-scheduled-job';
import { createLogger } from '../../../src/logger';
import {
  createFollowUpTestKit,
  InMemoryOccurrenceStore,
  PEOPLE,
  type FollowUpTestKit,
} from '../../support/follow-up-fakes';

/** The committed list of every card of the year; regenerate with UPDATE_GOLDEN=1 and review the diff. */
const GOLDEN = join(__dirname, '../../fixtures/golden/follow-up-year-2026.txt');

/** The scheduler ticks every minute in production; every half hour is enough for sends at HH:30. */
const TICK_MS = 30 * 60 * 1000;
const START = new Date('2026-08-31T00:00:00Z');
const END = new Date('2027-04-01T00:00:00Z');

interface SentCard {
  calledAt: Date;
  key: string;
  recipient: NoticeRecipient;
  notice: Notice;
  notBefore: Date;
}

/** What the notifier was asked to send, and when, as the outbox would receive it. */
class ClockedNotifier implements Notifier {
  readonly sent: SentCard[] = [];
  constructor(private readonly kit: FollowUpTestKit) {}
  notify(key: string, recipient: NoticeRecipient, notice: Notice, notBefore?: Date): Promise<void> {
    assert.ok(notBefore, `${key} has no not-before time`);
    assert.ok(
      !this.sent.some((card) => card.key === key),
      `${key} was queued twice; the outbox would drop it, but the job should not ask`,
    );
    this.sent.push({ calledAt: this.kit.clock.now(), key, recipient, notice, notBefore });
    return Promise.resolve();
  }
}

const who = (aadId: string, name: string): FollowUpActor => ({ aadId, name, isLab: false });
const LEADS: Record<string, FollowUpActor> = {
  'team-1': who(PEOPLE.maelys, 'Maëlys Horth'),
  'team-2': who(PEOPLE.camille, 'Camille Martin'),
  'team-3': who(PEOPLE.nathalie, 'Nathalie Faure'),
  'team-4': who(PEOPLE.pieter, 'Pieter Janssens'),
};
const TEAMS = Object.keys(LEADS);

/** What people do during the year, at UTC instants; everything else is the bot's doing. */
type Action = { at: string; what: string; run: (kit: FollowUpTestKit) => Promise<unknown> };

function answer(at: string, teamId: string, month: string, status = 'on-track'): Action {
  return {
    at,
    what: `${teamId} answers ${month}`,
    run: async (kit) => {
      const outcome = await answerCheckin(kit, {
        programmeId: 'defi-du-lab-2026',
        teamId,
        month,
        actor: LEADS[teamId]!,
        fields: {
          status,
          progress: '50',
          done: 'Ateliers avec les équipes',
          nextSteps: 'Mesurer les premiers effets',
          helpCategory: 'none',
        },
      });
      assert.ok(outcome.ok, `${teamId} could not answer ${month}: ${JSON.stringify(outcome)}`);
    },
  };
}

function prepare(at: string, teamId: string, review: 'december' | 'march'): Action {
  return {
    at,
    what: `${teamId} prepares the ${review} review`,
    run: async (kit) => {
      const outcome = await answerReview(kit, {
        programmeId: 'defi-du-lab-2026',
        teamId,
        review,
        kind: 'preparation',
        viewer: LEADS[teamId]!,
        fields: { results: 'Premiers résultats', nextSteps: 'Étendre le pilote' },
      });
      assert.ok(outcome.ok, `${teamId} could not prepare: ${JSON.stringify(outcome)}`);
    },
  };
}

function everyone(at: string, month: string, except: string[] = []): Action[] {
  return TEAMS.filter((team) => !except.includes(team)).map((team) => answer(at, team, month));
}

const YEAR: Action[] = [
  ...everyone('2026-09-02T13:00:00Z', '2026-09'),
  // Nathalie is away until Friday 9 October: no reminders for her; her facilitators still hear.
  {
    at: '2026-09-30T14:00:00Z',
    what: 'Nathalie declares an absence until 09/10',
    run: (kit: FollowUpTestKit) =>
      declareAbsence(kit, { aadId: PEOPLE.nathalie, day: 9, month: 10 }),
  },
  ...everyone('2026-10-02T13:00:00Z', '2026-10', ['team-3']),
  answer('2026-10-12T09:00:00Z', 'team-3', '2026-10'),
  // November: Maëlys answers after the day-3 reminder; Camille misses it all and is escalated.
  ...everyone('2026-11-03T13:00:00Z', '2026-11', ['team-1', 'team-2']),
  answer('2026-11-06T13:00:00Z', 'team-1', '2026-11', 'at-risk'),
  answer('2026-11-16T09:00:00Z', 'team-2', '2026-11', 'blocked'),
  ...everyone('2026-12-02T13:00:00Z', '2026-12'),
  // December review on the 10th: every team but the Belgian one prepares in time.
  ...['team-1', 'team-2', 'team-3'].map((team) =>
    prepare('2026-12-03T13:00:00Z', team, 'december'),
  ),
  prepare('2026-12-08T13:00:00Z', 'team-4', 'december'),
  ...everyone('2027-01-05T13:00:00Z', '2027-01'),
  ...everyone('2027-02-02T13:00:00Z', '2027-02'),
  ...TEAMS.map((team) => prepare('2027-03-04T13:00:00Z', team, 'march')),
  ...everyone('2027-03-02T13:00:00Z', '2027-03'),
].sort((a, b) => a.at.localeCompare(b.at));

function toGoldenLine(card: SentCard, send: PlannedSend): string {
  const recipient =
    send.recipient.kind === 'channel'
      ? '#channel'
      : `${send.recipient.name} (${send.recipient.role})`;
  return [
    `${send.localDay} ${send.localTime}`,
    send.timeZone.padEnd(16),
    card.notice.kind.padEnd(19),
    send.teamId,
    recipient,
  ].join('  ');
}

/** The golden file's header: comment lines, ignored when comparing. */
const HEADER = [
  '# Every card the bot queues for examples/defi-du-lab-2026.yml from 31 August 2026 to 31 March 2027,',
  '# one line per card: local day and time of the recipient, their zone, the kind, the team, the recipient.',
  '# Scenario (test/unit/jobs/follow-up-year.test.ts): every team answers on time, except that Nathalie',
  '# (team-3) is away until 9 October and answers late, Maëlys (team-1, Cayenne) answers November after',
  '# the day-3 reminder, Camille (team-2) misses November entirely; team-4 prepares the December review late.',
];

/** Lines only in the golden file (-) and only in this run (+), in file order, for a readable failure. */
function describeDifference(expected: string[], actual: string[]): string {
  const missing = expected.filter((line) => !actual.includes(line)).map((line) => `- ${line}`);
  const extra = actual.filter((line) => !expected.includes(line)).map((line) => `+ ${line}`);
  const reordered =
    missing.length === 0 && extra.length === 0 ? ['(same lines, different order)'] : [];
  return [
    `The cards sent over the year differ from ${GOLDEN}`,
    '(- expected but not sent, + sent but not expected; UPDATE_GOLDEN=1 rewrites the file):',
    ...missing,
    ...extra,
    ...reordered,
  ].join('\n');
}

describe('the follow-up year of the 2026 example, with a fake clock from September to March', function () {
  // About 10,000 ticks; each one derives the calendar from the stores, as in production.
  this.timeout(120_000);

  let kit: FollowUpTestKit;
  let notifier: ClockedNotifier;
  let byKey: Map<string, PlannedSend>;
  let lines: string[];

  before(async () => {
    kit = await createFollowUpTestKit(START.toISOString());
    notifier = new ClockedNotifier(kit);
    const logger = createLogger('silent');
    const job = createScheduledJob(createFollowUpJob({ ...kit, notifier, logger }), {
      occurrences: new InMemoryOccurrenceStore(),
      clock: kit.clock,
      owner: 'year',
      logger,
    });
    const programme = (await kit.programmes.get('defi-du-lab-2026'))!;
    byKey = new Map(
      planFollowUpSends(await loadFollowUpInput(programme, kit), { from: START, to: END }).map(
        (send) => [send.key, send],
      ),
    );
    let next = 0;
    for (let at = START.getTime(); at <= END.getTime(); at += TICK_MS) {
      kit.clock.set(new Date(at));
      while (next < YEAR.length && Date.parse(YEAR[next]!.at) <= at) {
        await YEAR[next]!.run(kit);
        next += 1;
      }
      const report = await job.tick();
      assert.deepEqual(report.failed, [], `failed at ${new Date(at).toISOString()}`);
    }
    assert.equal(next, YEAR.length, 'every action of the year ran');
    lines = notifier.sent.map((card) => {
      const send = byKey.get(card.key);
      assert.ok(send, `${card.key} was sent but never planned`);
      return toGoldenLine(card, send);
    });
  });

  it('sends exactly the cards of the golden file, on those local days and times, to those people', () => {
    const actual = lines;
    if (process.env.UPDATE_GOLDEN === '1') {
      writeFileSync(GOLDEN, `${[...HEADER, ...actual].join('\n')}\n`);
    }
    const expected = readFileSync(GOLDEN, 'utf8')
      .trimEnd()
      .split('\n')
      .filter((line) => !line.startsWith('#'));
    if (actual.join('\n') !== expected.join('\n')) {
      assert.fail(describeDifference(expected, actual));
    }
  });

  it('queues every card when it is due, never before, and within one tick', () => {
    for (const card of notifier.sent) {
      const send = byKey.get(card.key)!;
      assert.equal(card.notBefore.getTime(), send.dueAt.getTime(), card.key);
      assert.ok(card.calledAt.getTime() >= card.notBefore.getTime(), card.key);
      assert.ok(card.calledAt.getTime() - card.notBefore.getTime() < TICK_MS, card.key);
      assert.equal(toLocalDay(card.notBefore, send.timeZone), send.localDay, card.key);
    }
  });

  it('gives the lead in French Guiana her card at 09:30 Cayenne time, 12:30 UTC', () => {
    const cards = notifier.sent.filter(
      (card) => card.notice.kind === 'checkin.card' && card.key.endsWith('/team-1/lead'),
    );
    assert.equal(cards.length, 7);
    for (const card of cards) assert.equal(card.notBefore.toISOString().slice(11, 16), '12:30');
  });

  it('moves January’s check-in to Monday 4 because New Year’s Day is a holiday', () => {
    const january = lines.filter(
      (line) => line.includes('checkin.card') && line.startsWith('2027-01'),
    );
    assert.equal(january.length, 8);
    assert.ok(january.every((line) => line.startsWith('2027-01-04 09:30')));
  });

  it('reminds a silent team on days 3 and 5, then tells both its facilitators', () => {
    const november = lines.filter((line) => line.includes('team-2') && line.startsWith('2026-11'));
    assert.deepEqual(
      november.filter((line) => /checkin\.(reminder|escalation)/.test(line)),
      [
        '2026-11-05 09:30  Europe/Paris      checkin.reminder     team-2  Camille Martin (lead)',
        '2026-11-09 09:30  Europe/Paris      checkin.reminder     team-2  Camille Martin (lead)',
        '2026-11-10 09:30  Europe/Paris      checkin.escalation   team-2  Hugo Martin (facilitator)',
        '2026-11-10 09:30  Europe/Paris      checkin.escalation   team-2  Élodie Roux (facilitator)',
      ],
    );
  });

  it('sends no reminder to a lead who declared an absence, but tells her facilitators', () => {
    const october = lines.filter((line) => line.includes('team-3') && line.startsWith('2026-10'));
    assert.deepEqual(
      october.filter((line) => /checkin\.(reminder|escalation)/.test(line)),
      [
        '2026-10-09 09:30  Europe/Paris      checkin.escalation   team-3  Claire Dubois (facilitator)',
        '2026-10-09 09:30  Europe/Paris      checkin.escalation   team-3  Samuel Petit (facilitator)',
      ],
    );
  });

  it('keeps the late answers and marks them late', async () => {
    const october = await kit.checkins.get('defi-du-lab-2026', 'team-3', '2026-10');
    const november = await kit.checkins.get('defi-du-lab-2026', 'team-2', '2026-11');
    const onTime = await kit.checkins.get('defi-du-lab-2026', 'team-1', '2026-11');
    assert.deepEqual([october?.late, november?.late, onTime?.late], [true, true, false]);
  });
});
