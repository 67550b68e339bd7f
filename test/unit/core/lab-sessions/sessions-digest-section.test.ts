import assert from 'node:assert/strict';
import { getProgrammeDigest } from '../../../../src/core/digests/get-programme-digest';
import { summariseSessions } from '../../../../src/core/lab-sessions/summarise-sessions';
import { buildDigestCard } from '../../../../src/features/digests/build-digest-card';
import { createTranslator } from '../../../../src/i18n/translate';
import { createDigestProgramme, FixedDigestSource } from '../../../support/digest-fixtures';
import {
  FACILITATOR_A,
  InMemoryLabSessionStore,
  makeRequest,
  REQUESTER,
} from '../../../support/lab-session-fixtures';

const programme = createDigestProgramme();
const clock = { now: () => new Date('2027-03-29T07:00:00.000Z') };
const go = (day: string) => ({
  kind: 'go' as const,
  reason: 'Oui',
  by: 'lab',
  at: new Date(`${day}T10:00:00.000Z`),
});

describe('the sessions section of the Lab digest', () => {
  it('counts the requests by status, the median delays and the debriefs, for the Lab team only', async () => {
    const sessions = new InMemoryLabSessionStore();
    await sessions.insert(makeRequest());
    await sessions.insert(makeRequest({ id: 'req-2', trackingNumber: 'LAB-2026-002' }));
    // Requested on 20 November: a go 10 days later, a session 45 days after the go, held.
    await sessions.insert(
      makeRequest({
        id: 'req-3',
        trackingNumber: 'LAB-2026-003',
        status: 'coldDebrief',
        decision: go('2026-11-30'),
        sessionDay: '2027-01-14',
      }),
    );
    // A go 20 days after the request, not dated yet.
    await sessions.insert(
      makeRequest({
        id: 'req-4',
        trackingNumber: 'LAB-2026-004',
        status: 'preparation',
        decision: go('2026-12-10'),
      }),
    );
    const answeredAt = new Date('2027-01-14T17:00:00.000Z');
    for (const [aadId, satisfaction] of [
      [REQUESTER.aadId, 5],
      [FACILITATOR_A.aadId, 4],
    ] as const) {
      await sessions.saveDebrief({
        requestId: 'req-3',
        kind: 'hot',
        aadId,
        answers: { satisfaction },
        answeredAt,
      });
    }
    await sessions.saveDebrief({
      requestId: 'req-3',
      kind: 'cold',
      aadId: REQUESTER.aadId,
      answers: { implemented: 'x', followUp: 'yes' },
      answeredAt,
    });
    const deps = {
      source: new FixedDigestSource(),
      clock,
      sessions: { summarise: () => summariseSessions({ sessions, clock }) },
    };
    const digest = await getProgrammeDigest(deps, programme);
    const section = digest.sections.find((s) => s.kind === 'sessions');
    assert.ok(section?.kind === 'sessions');
    assert.equal(section.byStatus.requested, 2);
    assert.equal(section.byStatus.preparation, 1);
    assert.equal(section.byStatus.declined, 0);
    assert.equal(section.medianDaysToGo, 15);
    assert.equal(section.medianDaysGoToSession, 45);
    assert.equal(section.heldThisYear, 1);
    assert.equal(section.hotAverage, 4.5);
    assert.equal(section.followUpsWanted, 1);

    const card = JSON.stringify(
      buildDigestCard({ language: 'fr', t: createTranslator('fr') }, digest),
    );
    assert.match(card, /Sessions du Lab \(demandes par état\)/);
    assert.match(card, /"title":"Demandée","value":"2"/);
    assert.match(card, /"title":"En préparation \(go\)","value":"1"/);
    assert.match(card, /"title":"Délai médian de la demande au go","value":"15\u00a0j"/);
    assert.match(card, /"value":"4,5 \/ 5 \(réponses\u00a0: 2\)"/);
    assert.match(card, /"value":"réponses\u00a0: 1\u202f; suite demandée\u00a0: 1"/);
    assert.doesNotMatch(card, /Refusée/);

    const mine = await getProgrammeDigest(deps, programme, { facilitatorAadId: 'fac-a' });
    assert.ok(!mine.sections.some((s) => s.kind === 'sessions'));
  });

  it('charts requests by status, effort per month against capacity and hot scores, in words too', async () => {
    const sessions = new InMemoryLabSessionStore();
    const qualification = (effortDays: number) => ({
      objectivesReachable: true,
      intentionChecked: true,
      format: 'Atelier',
      effortDays,
      risks: '',
      by: 'fac-a',
      at: new Date('2027-02-01T10:00:00.000Z'),
    });
    // April is over the 10 days of capacity (7 + 5), May is within it, one request awaits its go.
    await sessions.insert(
      makeRequest({
        id: 'req-a',
        status: 'preparation',
        decision: go('2027-02-10'),
        sessionDay: '2027-04-15',
        qualification: qualification(7),
      }),
    );
    await sessions.insert(
      makeRequest({
        id: 'req-b',
        trackingNumber: 'LAB-2026-002',
        status: 'preparation',
        decision: go('2027-02-12'),
        sessionDay: '2027-04-22',
        qualification: qualification(5),
      }),
    );
    await sessions.insert(
      makeRequest({
        id: 'req-c',
        trackingNumber: 'LAB-2026-003',
        status: 'preparation',
        decision: go('2027-03-01'),
        sessionDay: '2027-05-20',
        qualification: qualification(4),
      }),
    );
    await sessions.insert(
      makeRequest({
        id: 'req-d',
        trackingNumber: 'LAB-2026-004',
        status: 'qualification',
        qualification: qualification(3),
      }),
    );
    // A session of last month counts for nothing ahead.
    await sessions.insert(
      makeRequest({
        id: 'req-e',
        trackingNumber: 'LAB-2026-005',
        status: 'held',
        decision: go('2027-01-10'),
        sessionDay: '2027-02-18',
        qualification: qualification(9),
      }),
    );
    for (const [aadId, satisfaction] of [
      [REQUESTER.aadId, 5],
      [FACILITATOR_A.aadId, 4],
      ['someone-else', 4],
    ] as const) {
      await sessions.saveDebrief({
        requestId: 'req-e',
        kind: 'hot',
        aadId,
        answers: { satisfaction },
        answeredAt: new Date('2027-02-18T17:00:00.000Z'),
      });
    }
    const digestWith = (capacityDays: number | undefined) =>
      getProgrammeDigest(
        {
          source: new FixedDigestSource(),
          clock,
          sessions: { summarise: () => summariseSessions({ sessions, clock, capacityDays }) },
        },
        programme,
      );
    const digest = await digestWith(10);
    const section = digest.sections.find((s) => s.kind === 'sessions');
    assert.ok(section?.kind === 'sessions');
    assert.deepEqual(section.effort, {
      byMonth: [
        { month: '2027-04', days: 12 },
        { month: '2027-05', days: 4 },
      ],
      awaitingGo: 3,
    });
    assert.deepEqual(section.hotScores, [0, 0, 0, 2, 1]);

    const card = buildDigestCard({ language: 'fr', t: createTranslator('fr') }, digest);
    const charts = findAll(card, (e) => typeof e.type === 'string' && e.type.startsWith('Chart.'));
    assert.deepEqual(
      charts.map((c) => c.type),
      ['Chart.Donut', 'Chart.VerticalBar', 'Chart.VerticalBar'],
    );
    const [byStatus, effort, hot] = charts as [Json, Json, Json];
    assert.deepEqual(
      (byStatus.data as Json[]).map((d) => d.value),
      [1, 3, 1],
    );
    assert.deepEqual(effort.data, [
      { x: 'Avr. 2027', y: 12, color: 'attention' },
      { x: 'Mai 2027', y: 4, color: 'good' },
      { x: 'En attente de go', y: 3, color: 'neutral' },
    ]);
    assert.deepEqual(
      (hot.data as Json[]).map((d) => d.y),
      [0, 0, 0, 2, 1],
    );
    // The figures in words, under each chart and as its fallback, say which month is over.
    assert.equal(
      (effort.fallback as Json).text,
      'Avr. 2027\u00a0: 12\u00a0j sur 10\u00a0j\u00a0: dépassé de 2\u00a0j · ' +
        'Mai 2027\u00a0: 4\u00a0j sur 10\u00a0j · En attente de go\u00a0: 3\u00a0j',
    );
    assert.equal((effort.fallback as Json).text, captionFigures(card, effort));

    // Without a capacity: days alone, no colour saying "over".
    const plain = buildDigestCard(
      { language: 'en', t: createTranslator('en') },
      await digestWith(undefined),
    );
    const plainEffort = findAll(plain, (e) => e.type === 'Chart.VerticalBar')[0]!;
    assert.equal(plainEffort.colorSet, 'categorical');
    assert.ok((plainEffort.data as Json[]).every((d) => d.color === undefined));
    assert.match((plainEffort.fallback as Json).text as string, /^Apr 2027: 12 d · May 2027: 4 d/);
  });

  it('leaves the section out while there is no request', async () => {
    const sessions = new InMemoryLabSessionStore();
    const digest = await getProgrammeDigest(
      {
        source: new FixedDigestSource(),
        clock: { now: () => new Date('2026-03-30T07:00:00.000Z') },
        sessions: { summarise: () => summariseSessions({ sessions, clock }) },
      },
      programme,
    );
    assert.deepEqual(
      digest.sections.map((s) => s.kind),
      ['call'],
    );
  });
});

type Json = Record<string, unknown>;

/** Every object of a card, depth first, that matches. */
function findAll(node: unknown, match: (element: Json) => boolean): Json[] {
  if (Array.isArray(node)) return node.flatMap((item) => findAll(item, match));
  if (node === null || typeof node !== 'object') return [];
  const element = node as Json;
  return [
    ...(match(element) ? [element] : []),
    ...Object.values(element).flatMap((value) => findAll(value, match)),
  ];
}

/** The small text written under a chart, in the container that holds it. */
function captionFigures(card: unknown, chart: Json): unknown {
  const container = findAll(
    card,
    (e) => Array.isArray(e.items) && (e.items as unknown[]).includes(chart),
  )[0];
  return (container?.items as Json[] | undefined)?.[2]?.text;
}
