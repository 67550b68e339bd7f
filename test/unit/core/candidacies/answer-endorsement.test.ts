import assert from 'node:assert/strict';
import { answerEndorsement } from '../../../../src/core/candidacies/answer-endorsement';
import { submitCandidacy } from '../../../../src/core/candidacies/submit-candidacy';
import {
  applicant,
  createTestProgramme,
  individualFields,
} from '../../../support/candidacy-programme';
import { createCandidacyTestKit } from '../../../support/candidacy-fakes';

describe('answerEndorsement', () => {
  const programme = createTestProgramme({ endorsementRequired: true });

  async function submitted() {
    const kit = createCandidacyTestKit();
    const outcome = await submitCandidacy(kit.deps, {
      programme,
      applicant: applicant(1),
      fields: individualFields({ managerEmail: 'Manager@Caf.fr' }),
    });
    assert.ok(outcome.ok);
    return { kit, candidacyId: outcome.value.id };
  }

  it('records the manager’s endorsement with a comment and tells the candidate', async () => {
    const { kit, candidacyId } = await submitted();
    const outcome = await answerEndorsement(kit.deps, {
      programme,
      candidacyId,
      manager: { aadId: 'manager-aad', email: 'manager@caf.fr' },
      verdict: 'endorsed',
      comment: ' Très bonne idée ',
    });
    assert.ok(outcome.ok);
    assert.equal(outcome.value.endorsement?.status, 'endorsed');
    assert.equal(outcome.value.endorsement?.comment, 'Très bonne idée');
    const told = kit.notifier.ofKind('candidacy.endorsementAnswered');
    assert.deepEqual(told[0]?.recipient, { kind: 'user', aadId: applicant(1).aadId });
    assert.equal(told[0]?.notice.data.verdict, 'endorsed');
  });

  it('refuses an answer from anyone but the named manager, and a second answer', async () => {
    const { kit, candidacyId } = await submitted();
    const stranger = await answerEndorsement(kit.deps, {
      programme,
      candidacyId,
      manager: { aadId: 'someone', email: 'someone@caf.fr' },
      verdict: 'declined',
      comment: '',
    });
    assert.equal(stranger.ok ? '' : stranger.refusal.code, 'forbidden');
    const answer = {
      programme,
      candidacyId,
      manager: { aadId: 'manager-aad', email: 'MANAGER@caf.fr' },
      verdict: 'declined' as const,
      comment: 'Pas cette année',
    };
    assert.ok((await answerEndorsement(kit.deps, answer)).ok);
    const again = await answerEndorsement(kit.deps, answer);
    assert.equal(again.ok ? '' : again.refusal.code, 'alreadyAnswered');
  });
});
