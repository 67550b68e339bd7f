import assert from 'node:assert/strict';
import { decideCandidacy, type LabDecision } from '../../../../src/core/selection/decide-candidacy';
import { applicant, createTestProgramme, person } from '../../../support/candidacy-programme';
import { submitCandidacies as submitAll } from '../../../support/submit-candidacies';
import {
  createCandidacyTestKit,
  LAB_ADMIN_ID,
  type CandidacyTestKit,
} from '../../../support/candidacy-fakes';

const programme = createTestProgramme();
const admin = person(LAB_ADMIN_ID, 'lab');

function decide(kit: CandidacyTestKit, candidacyId: string, decision: LabDecision) {
  return decideCandidacy(kit.deps, { programme, actor: admin, candidacyId, decision });
}

describe('decideCandidacy', () => {
  it('accepts with a confirmation deadline, records the decision and audits it', async () => {
    const kit = createCandidacyTestKit();
    const [id] = await submitAll(kit, ['caf-guyane']);
    kit.clock.set('2026-04-24T10:00:00.000Z');
    const outcome = await decide(kit, id!, 'accept');
    assert.ok(outcome.ok);
    assert.equal(outcome.value.candidacy.status, 'accepted');
    assert.equal(outcome.value.candidacy.confirmBy, '2026-05-01');
    assert.equal(kit.store.decisions.length, 1);
    assert.deepEqual(
      kit.audit.map((e) => [e.action, e.actor, e.subjectId]),
      [['candidacy.decision', LAB_ADMIN_ID, id]],
    );
    const [notice] = kit.notifier.ofKind('selection.decision');
    assert.deepEqual(notice?.recipient, { kind: 'user', aadId: applicant(1).aadId });
    assert.equal(notice?.notice.data.status, 'accepted');
    assert.equal(notice?.notice.data.confirmBy, '2026-05-01');
  });

  it('refuses anyone outside the Lab team', async () => {
    const kit = createCandidacyTestKit();
    const [id] = await submitAll(kit, ['caf-guyane']);
    const outcome = await decideCandidacy(kit.deps, {
      programme,
      actor: person(applicant(9).aadId),
      candidacyId: id!,
      decision: 'accept',
    });
    assert.equal(outcome.ok ? '' : outcome.refusal.code, 'forbidden');
  });

  it('refuses to accept beyond the maximum per organisation, naming the organisation', async () => {
    const kit = createCandidacyTestKit();
    const ids = await submitAll(kit, ['caf-guyane', 'caf-guyane', 'caf-guyane']);
    assert.ok((await decide(kit, ids[0]!, 'accept')).ok);
    assert.ok((await decide(kit, ids[1]!, 'accept')).ok);
    const third = await decide(kit, ids[2]!, 'accept');
    assert.deepEqual(third, {
      ok: false,
      refusal: {
        code: 'organisationFull',
        params: { organisation: 'Caf de Guyane', max: 2, taken: 2 },
      },
    });
    assert.equal(kit.store.candidacies.get(ids[2]!)?.status, 'submitted');
  });

  it('refuses to accept beyond the seat count, naming the seats', async () => {
    const kit = createCandidacyTestKit();
    const ids = await submitAll(kit, ['caf-guyane', 'cpam-sarthe', 'cnav', 'cnav']);
    for (const id of ids.slice(0, 3)) assert.ok((await decide(kit, id, 'accept')).ok);
    const fourth = await decide(kit, ids[3]!, 'accept');
    assert.deepEqual(fourth, {
      ok: false,
      refusal: { code: 'seatsFull', params: { seats: 3, taken: 3, needed: 1 } },
    });
  });

  it('never lets two admins accepting at once overfill the seats', async () => {
    const kit = createCandidacyTestKit();
    const ids = await submitAll(kit, ['caf-guyane', 'cpam-sarthe', 'cnav', 'cnav', 'cpam-sarthe']);
    const outcomes = await Promise.all(ids.map((id) => decide(kit, id, 'accept')));
    assert.equal(outcomes.filter((o) => o.ok).length, 3);
    const accepted = [...kit.store.candidacies.values()].filter((c) => c.status === 'accepted');
    assert.equal(accepted.length, 3);
  });

  it('treats the same decision twice as one: one history row, one card', async () => {
    const kit = createCandidacyTestKit();
    const [id] = await submitAll(kit, ['caf-guyane']);
    await decide(kit, id!, 'waitlist');
    const again = await decide(kit, id!, 'waitlist');
    assert.ok(again.ok && !again.value.changed);
    assert.equal(kit.store.decisions.length, 1);
    assert.equal(kit.notifier.ofKind('selection.decision').length, 1);
  });

  it('refuses to decide on a withdrawn candidacy', async () => {
    const kit = createCandidacyTestKit();
    const [id] = await submitAll(kit, ['caf-guyane']);
    await kit.store.transact(programme.id, (all) => ({
      save: all.map((c) => ({ ...c, status: 'withdrawn' as const })),
      result: undefined,
    }));
    const outcome = await decide(kit, id!, 'accept');
    assert.deepEqual(outcome, {
      ok: false,
      refusal: { code: 'notEditable', params: { status: 'withdrawn' } },
    });
  });
});
