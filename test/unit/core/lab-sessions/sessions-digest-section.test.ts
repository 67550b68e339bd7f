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
