import assert from 'node:assert/strict';
import { withdrawCandidacy } from '../../../../src/core/selection/withdraw-candidacy';
import { confirmParticipation } from '../../../../src/core/selection/confirm-participation';
import { decideCandidacy, type LabDecision } from '../../../../src/core/selection/decide-candidacy';
import { lapseUnconfirmed } from '../../../../src/core/selection/lapse-unconfirmed';
import { applicant, createTestProgramme, person } from '../../../support/candidacy-programme';
import {
  createCandidacyTestKit,
  LAB_ADMIN_ID,
  type CandidacyTestKit,
} from '../../../support/candidacy-fakes';
import { submitCandidacies as submitAll } from '../../../support/submit-candidacies';

const programme = createTestProgramme();
const admin = person(LAB_ADMIN_ID, 'lab');

async function decide(kit: CandidacyTestKit, candidacyId: string, decision: LabDecision) {
  const outcome = await decideCandidacy(kit.deps, {
    programme,
    actor: admin,
    candidacyId,
    decision,
  });
  assert.ok(outcome.ok, JSON.stringify(outcome));
}

/**
 * Three seats, two per organisation: Caf 1 and Caf 2 and Cpam 3 accepted (full); waitlisted in
 * order: Caf 4 (its organisation is at its maximum), then Cnav 5.
 */
async function fullProgramme() {
  const kit = createCandidacyTestKit();
  const ids = await submitAll(kit, [
    'caf-guyane',
    'caf-guyane',
    'cpam-sarthe',
    'caf-guyane',
    'cnav',
  ]);
  kit.clock.set('2026-04-24T08:00:00.000Z');
  for (const id of ids.slice(0, 3)) await decide(kit, id, 'accept');
  await decide(kit, ids[3]!, 'waitlist');
  kit.clock.set('2026-04-24T08:05:00.000Z');
  await decide(kit, ids[4]!, 'waitlist');
  kit.notifier.notices.length = 0;
  return { kit, ids };
}

describe('waitlist promotion', () => {
  it('promotes the first waitlisted candidate whose organisation’s quota allows it, and tells the Lab team', async () => {
    const { kit, ids } = await fullProgramme();
    // Cpam 3 declines: Caf 4 waits longest, but Caf de Guyane already has 2 accepted.
    const outcome = await confirmParticipation(kit.deps, {
      programme,
      applicant: applicant(3),
      answer: 'decline',
    });
    assert.ok(outcome.ok);
    assert.equal(kit.store.candidacies.get(ids[4]!)?.status, 'accepted');
    assert.equal(kit.store.candidacies.get(ids[3]!)?.status, 'waitlisted');
    const [decision] = kit.notifier.ofKind('selection.decision');
    assert.equal(
      decision?.recipient.kind === 'user' && decision.recipient.aadId,
      applicant(5).aadId,
    );
    assert.equal(decision?.notice.data.promoted, true);
    const [told] = kit.notifier.ofKind('selection.promoted');
    assert.deepEqual(told?.recipient, { kind: 'user', aadId: LAB_ADMIN_ID });
    assert.equal(told?.notice.data.candidacyId, ids[4]);
    assert.equal(told?.notice.data.freedBy, ids[2]);
    assert.ok(kit.audit.some((e) => e.action === 'candidacy.promotion' && e.subjectId === ids[4]));
  });

  it('promotes the same-organisation candidate when a place in that organisation frees up', async () => {
    const { kit, ids } = await fullProgramme();
    await withdrawCandidacy(kit.deps, { programme, applicant: applicant(1) });
    assert.equal(kit.store.candidacies.get(ids[3]!)?.status, 'accepted');
    assert.equal(kit.store.candidacies.get(ids[4]!)?.status, 'waitlisted');
  });

  it('promotes when the Lab team declines an accepted candidate', async () => {
    const { kit, ids } = await fullProgramme();
    await decide(kit, ids[2]!, 'decline');
    assert.equal(kit.store.candidacies.get(ids[4]!)?.status, 'accepted');
  });

  it('promotes nobody when the Lab moves an accepted candidate to the waitlist by hand', async () => {
    const { kit, ids } = await fullProgramme();
    await decide(kit, ids[2]!, 'waitlist');
    assert.equal(kit.store.candidacies.get(ids[4]!)?.status, 'waitlisted');
    assert.equal(kit.notifier.ofKind('selection.promoted').length, 0);
  });

  it('tells the Lab team the place stays free when no waitlisted candidate fits', async () => {
    const kit = createCandidacyTestKit();
    const ids = await submitAll(kit, ['caf-guyane']);
    await decide(kit, ids[0]!, 'accept');
    await withdrawCandidacy(kit.deps, { programme, applicant: applicant(1) });
    assert.equal(kit.notifier.ofKind('selection.seatFreed').length, 1);
  });
});

describe('confirmation deadline', () => {
  it('confirms up to and including the confirmation day, and refuses after', async () => {
    const { kit } = await fullProgramme();
    // Accepted on 24 April with 7 days: confirm by 1 May (Paris).
    kit.clock.set('2026-05-01T21:00:00.000Z');
    const onTime = await confirmParticipation(kit.deps, {
      programme,
      applicant: applicant(1),
      answer: 'confirm',
    });
    assert.ok(onTime.ok);
    assert.equal(onTime.value.status, 'confirmed');
    kit.clock.set('2026-05-01T22:00:00.000Z');
    const late = await confirmParticipation(kit.deps, {
      programme,
      applicant: applicant(2),
      answer: 'confirm',
    });
    assert.deepEqual(late, {
      ok: false,
      refusal: { code: 'confirmationClosed', params: { confirmBy: '2026-05-01' } },
    });
  });

  it('lapses a missed deadline, tells the candidate and promotes from the waitlist, once', async () => {
    const { kit, ids } = await fullProgramme();
    kit.clock.set('2026-05-01T12:00:00.000Z');
    await confirmParticipation(kit.deps, { programme, applicant: applicant(1), answer: 'confirm' });
    await confirmParticipation(kit.deps, { programme, applicant: applicant(2), answer: 'confirm' });
    assert.deepEqual(await lapseUnconfirmed(kit.deps, programme), []);
    kit.clock.set('2026-05-02T06:00:00.000Z');
    const lapsed = await lapseUnconfirmed(kit.deps, programme);
    assert.deepEqual(
      lapsed.map((c) => c.id),
      [ids[2]],
    );
    assert.equal(kit.store.candidacies.get(ids[4]!)?.status, 'accepted');
    assert.equal(kit.notifier.ofKind('selection.lapsed').length, 1);
    assert.deepEqual(await lapseUnconfirmed(kit.deps, programme), []);
  });

  it('refuses to confirm a candidacy that was not accepted', async () => {
    const { kit } = await fullProgramme();
    const outcome = await confirmParticipation(kit.deps, {
      programme,
      applicant: applicant(4),
      answer: 'confirm',
    });
    assert.deepEqual(outcome, {
      ok: false,
      refusal: { code: 'notAccepted', params: { status: 'waitlisted' } },
    });
  });
});
