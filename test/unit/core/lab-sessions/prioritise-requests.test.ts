import assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadConfig } from '../../../../src/config';
import {
  DEFAULT_PRIORITY_WEIGHTS,
  parsePriorityWeights,
  rankQualifiedRequests,
  ratePriority,
  scoreEffort,
  scoreRequest,
} from '../../../../src/core/lab-sessions/prioritise-requests';
import type { SessionRequest } from '../../../../src/core/lab-sessions/session-request';
import { ACTORS, createLabSessionFakes, makeRequest } from '../../../support/lab-session-fixtures';

const QUALIFICATION = (effortDays: number) => ({
  objectivesReachable: true,
  intentionChecked: true,
  format: 'Atelier',
  effortDays,
  risks: '',
  by: ACTORS.lab.aadId,
  at: new Date('2026-11-25T10:00:00.000Z'),
});

function qualified(id: string, effortDays: number, overrides: Partial<SessionRequest> = {}) {
  return makeRequest({
    id,
    trackingNumber: `LAB-2026-${id.slice(-3)}`,
    status: 'qualification',
    qualification: QUALIFICATION(effortDays),
    ...overrides,
  });
}

describe('prioritising qualified Lab session requests', () => {
  it('turns effort into a 1 to 5 score, lighter scoring higher', () => {
    assert.deepEqual(
      [0.5, 2, 2.5, 5, 6, 10, 11, 20, 21, 60].map(scoreEffort),
      [5, 5, 4, 4, 3, 3, 2, 2, 1, 1],
    );
  });

  it('scores the weighted mean of the ratings and the effort, between 1 and 5', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.double({ min: 0.5, max: 60, noNaN: true }),
        fc.record({
          urgency: fc.integer({ min: 0, max: 10 }),
          impact: fc.integer({ min: 0, max: 10 }),
          effort: fc.integer({ min: 0, max: 10 }),
          fit: fc.integer({ min: 1, max: 10 }),
        }),
        (urgency, impact, fit, effortDays, weights) => {
          const request = qualified('req-001', effortDays, {
            priority: { urgency, impact, fit, by: 'lab', at: new Date() },
          });
          const score = scoreRequest(request, weights)!;
          assert.ok(score >= 1 && score <= 5, String(score));
          // Raising the urgency never lowers the score.
          const higher = scoreRequest(
            { ...request, priority: { ...request.priority!, urgency: Math.min(5, urgency + 1) } },
            weights,
          )!;
          assert.ok(higher >= score);
        },
      ),
    );
    const request = qualified('req-001', 25, {
      priority: { urgency: 5, impact: 4, fit: 3, by: 'lab', at: new Date() },
    });
    // (3×5 + 3×4 + 2×1 + 2×3) / 10 = 3.5
    assert.equal(scoreRequest(request, DEFAULT_PRIORITY_WEIGHTS), 3.5);
    assert.equal(scoreRequest({ ...request, priority: null }, DEFAULT_PRIORITY_WEIGHTS), null);
  });

  it('ranks rated requests by score, ties to the older, the unrated last, for the Lab team only', async () => {
    const { deps, sessions } = createLabSessionFakes();
    const rating = (urgency: number) => ({ urgency, impact: 3, fit: 3, by: 'lab', at: new Date() });
    await sessions.insert(qualified('req-001', 4));
    await sessions.insert(
      qualified('req-002', 4, {
        priority: rating(2),
        createdAt: new Date('2026-11-10T09:00:00.000Z'),
      }),
    );
    await sessions.insert(
      qualified('req-003', 4, {
        priority: rating(2),
        createdAt: new Date('2026-11-01T09:00:00.000Z'),
      }),
    );
    await sessions.insert(qualified('req-004', 4, { priority: rating(5) }));
    // Not qualified yet, or past the go: not in the ranking.
    await sessions.insert(makeRequest({ id: 'req-005', status: 'qualification' }));
    await sessions.insert(qualified('req-006', 4, { status: 'preparation', priority: rating(5) }));

    const outcome = await rankQualifiedRequests(deps, {
      actor: ACTORS.lab,
      weights: DEFAULT_PRIORITY_WEIGHTS,
    });
    assert.ok(outcome.ok);
    assert.deepEqual(
      outcome.value.map((r) => r.request.id),
      ['req-004', 'req-003', 'req-002', 'req-001'],
    );
    for (const actor of [ACTORS.requester, ACTORS.facilitatorA, ACTORS.stranger]) {
      const refused = await rankQualifiedRequests(deps, {
        actor,
        weights: DEFAULT_PRIORITY_WEIGHTS,
      });
      assert.deepEqual(refused, { ok: false, refusal: { code: 'labOnly', params: {} } });
    }
  });

  it('records the Lab team ratings, refusing others, bad values, wrong steps and lost races', async () => {
    const { deps, sessions } = createLabSessionFakes();
    await sessions.insert(qualified('req-001', 4));
    await sessions.insert(makeRequest({ id: 'req-002', status: 'qualification' }));
    await sessions.insert(qualified('req-003', 4, { status: 'preparation' }));
    const good = { urgency: '4', impact: 5, fit: '1' };

    const saved = await ratePriority(deps, { actor: ACTORS.lab, requestId: 'req-001', raw: good });
    assert.ok(saved.ok);
    assert.deepEqual(
      { ...(await sessions.get('req-001'))!.priority, at: undefined },
      { urgency: 4, impact: 5, fit: 1, by: ACTORS.lab.aadId, at: undefined },
    );

    const before = JSON.stringify([...sessions.requests.values()]);
    const refusals = await Promise.all([
      ratePriority(deps, { actor: ACTORS.requester, requestId: 'req-001', raw: good }),
      ratePriority(deps, { actor: ACTORS.stranger, requestId: 'req-001', raw: good }),
      ratePriority(deps, { actor: ACTORS.lab, requestId: 'nope', raw: good }),
      ratePriority(deps, { actor: ACTORS.lab, requestId: 'req-002', raw: good }),
      ratePriority(deps, { actor: ACTORS.lab, requestId: 'req-003', raw: good }),
      ratePriority(deps, {
        actor: ACTORS.lab,
        requestId: 'req-001',
        raw: { urgency: '0', impact: '6', fit: 2.5 },
      }),
      ratePriority(deps, {
        actor: ACTORS.lab,
        requestId: 'req-001',
        raw: { urgency: ['4'], impact: { value: 4 }, fit: '' },
      }),
    ]);
    assert.deepEqual(
      refusals.map((r) => (r.ok ? 'ok' : r.refusal.code)),
      ['labOnly', 'labOnly', 'notFound', 'notQualified', 'wrongStatus', 'invalid', 'invalid'],
    );
    const invalid = refusals[5];
    assert.ok(!invalid.ok);
    assert.deepEqual(
      invalid.refusal.issues?.map((issue) => issue.path[0]),
      ['urgency', 'impact', 'fit'],
    );
    assert.equal(JSON.stringify([...sessions.requests.values()]), before);

    // The request went on meanwhile: the rating is refused, not written over the go.
    const original = sessions.update.bind(sessions);
    sessions.update = () => Promise.resolve(false);
    const raced = await ratePriority(deps, { actor: ACTORS.lab, requestId: 'req-001', raw: good });
    sessions.update = original;
    assert.ok(!raced.ok && raced.refusal.code === 'changedMeanwhile');
  });

  it('reads the weights from configuration and names what is wrong', () => {
    assert.deepEqual(loadConfig({}).labSessionPriorityWeights, DEFAULT_PRIORITY_WEIGHTS);
    assert.deepEqual(
      loadConfig({ LAB_SESSION_PRIORITY_WEIGHTS: ' urgency=5, fit=0 ' }).labSessionPriorityWeights,
      { urgency: 5, impact: 3, effort: 2, fit: 0 },
    );
    for (const [text, reason] of [
      ['urgence=3', /"urgence=3" is not criterion=weight/],
      ['urgency=3,urgency=4', /urgency is given twice/],
      ['impact=11', /impact must be from 0 to 10/],
      ['urgency=0,impact=0,effort=0,fit=0', /at least one weight/],
    ] as const) {
      const parsed = parsePriorityWeights(text);
      assert.ok(!parsed.ok && reason.test(parsed.reason), text);
      assert.throws(
        () => loadConfig({ LAB_SESSION_PRIORITY_WEIGHTS: text }),
        /LAB_SESSION_PRIORITY_WEIGHTS/,
      );
    }
  });
});
