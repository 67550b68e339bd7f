import assert from 'node:assert/strict';
import { getProgrammeDigest } from '../../../../src/core/digests/get-programme-digest';
import { countRequestsByStatus } from '../../../../src/core/lab-sessions/list-session-requests';
import { buildDigestCard } from '../../../../src/features/digests/build-digest-card';
import { createTranslator } from '../../../../src/i18n/translate';
import { createDigestProgramme, FixedDigestSource } from '../../../support/digest-fixtures';
import { InMemoryLabSessionStore, makeRequest } from '../../../support/lab-session-fixtures';

const programme = createDigestProgramme();
const clock = { now: () => new Date('2026-03-30T07:00:00.000Z') };

describe('the sessions section of the Lab digest', () => {
  it('counts the Lab session requests by status for the Lab team, not for a facilitator', async () => {
    const sessions = new InMemoryLabSessionStore();
    await sessions.insert(makeRequest());
    await sessions.insert(makeRequest({ id: 'req-2', trackingNumber: 'LAB-2026-002' }));
    await sessions.insert(
      makeRequest({ id: 'req-3', trackingNumber: 'LAB-2026-003', status: 'preparation' }),
    );
    const deps = {
      source: new FixedDigestSource(),
      clock,
      sessions: { countByStatus: () => countRequestsByStatus({ sessions }) },
    };
    const digest = await getProgrammeDigest(deps, programme);
    const section = digest.sections.find((s) => s.kind === 'sessions');
    assert.ok(section?.kind === 'sessions');
    assert.equal(section.byStatus.requested, 2);
    assert.equal(section.byStatus.preparation, 1);
    assert.equal(section.byStatus.declined, 0);

    const card = JSON.stringify(
      buildDigestCard({ language: 'fr', t: createTranslator('fr') }, digest),
    );
    assert.match(card, /Sessions du Lab \(demandes par état\)/);
    assert.match(card, /"title":"Demandée","value":"2"/);
    assert.match(card, /"title":"En préparation \(go\)","value":"1"/);
    assert.doesNotMatch(card, /Refusée/);

    const mine = await getProgrammeDigest(deps, programme, { facilitatorAadId: 'fac-a' });
    assert.ok(!mine.sections.some((s) => s.kind === 'sessions'));
  });

  it('leaves the section out while there is no request', async () => {
    const digest = await getProgrammeDigest(
      {
        source: new FixedDigestSource(),
        clock,
        sessions: {
          countByStatus: () => countRequestsByStatus({ sessions: new InMemoryLabSessionStore() }),
        },
      },
      programme,
    );
    assert.deepEqual(
      digest.sections.map((s) => s.kind),
      ['call'],
    );
  });
});
