import assert from 'node:assert/strict';
import { submitCandidacy } from '../../../../src/core/candidacies/submit-candidacy';
import { withdrawCandidacy } from '../../../../src/core/selection/withdraw-candidacy';
import {
  applicant,
  createTestProgramme,
  individualFields,
} from '../../../support/candidacy-programme';
import { createCandidacyTestKit } from '../../../support/candidacy-fakes';

describe('withdrawCandidacy', () => {
  const programme = createTestProgramme();

  it('withdraws at any time, even after the call closed', async () => {
    const kit = createCandidacyTestKit();
    await submitCandidacy(kit.deps, {
      programme,
      applicant: applicant(1),
      fields: individualFields(),
    });
    kit.clock.set('2026-05-01T10:00:00.000Z');
    const outcome = await withdrawCandidacy(kit.deps, { programme, applicant: applicant(1) });
    assert.ok(outcome.ok);
    assert.equal(outcome.value.status, 'withdrawn');
  });

  it('says so when there is nothing to withdraw', async () => {
    const kit = createCandidacyTestKit();
    const outcome = await withdrawCandidacy(kit.deps, { programme, applicant: applicant(1) });
    assert.equal(outcome.ok ? '' : outcome.refusal.code, 'notFound');
  });

  it('lets a withdrawn candidate apply again while the call is open', async () => {
    const kit = createCandidacyTestKit();
    const input = { programme, applicant: applicant(1), fields: individualFields() };
    await submitCandidacy(kit.deps, input);
    await withdrawCandidacy(kit.deps, input);
    const again = await submitCandidacy(kit.deps, input);
    assert.ok(again.ok);
    assert.equal(again.value.status, 'submitted');
    assert.equal(kit.store.candidacies.size, 1);
  });
});
