import assert from 'node:assert/strict';
import { answerEndorsement } from '../../../../src/core/candidacies/answer-endorsement';
import { tellCandidateIfEndorsementUnreached } from '../../../../src/core/candidacies/request-endorsement';
import { submitCandidacy } from '../../../../src/core/candidacies/submit-candidacy';
import {
  applicant,
  createTestProgramme,
  individualFields,
} from '../../../support/candidacy-programme';
import { createCandidacyTestKit } from '../../../support/candidacy-fakes';

describe('telling the candidate when the endorsement request reached nobody in the end', () => {
  const programme = createTestProgramme({ endorsementRequired: true });

  async function submitted() {
    const kit = createCandidacyTestKit({
      directory: { 'manager@caf.fr': { aadId: 'manager-aad', name: 'Hugo Martin' } },
    });
    const outcome = await submitCandidacy(kit.deps, {
      programme,
      applicant: applicant(1),
      fields: individualFields({ managerEmail: 'manager@caf.fr' }),
    });
    assert.ok(outcome.ok);
    const requested = kit.notifier.ofKind('candidacy.endorsementRequest')[0];
    assert.ok(requested, 'the manager was asked');
    const deps = { ...kit.deps, programmes: { get: () => Promise.resolve(programme) } };
    return { kit, deps, candidacyId: outcome.value.id, key: requested.key };
  }

  it('tells the candidate once, in their chat, naming the manager’s address', async () => {
    const { kit, deps, key } = await submitted();
    assert.equal(await tellCandidateIfEndorsementUnreached(deps, key), true);
    assert.equal(await tellCandidateIfEndorsementUnreached(deps, key), true);
    const told = kit.notifier.ofKind('candidacy.endorsementUnreachable');
    assert.equal(told.length, 1);
    assert.equal(told[0]?.key, `${key}:unreachable`);
    assert.deepEqual(told[0]?.recipient, { kind: 'user', aadId: applicant(1).aadId });
    assert.equal(told[0]?.notice.data.managerEmail, 'manager@caf.fr');
  });

  it('says nothing for other messages, an answered request, an older asking or another programme', async () => {
    const { kit, deps, key, candidacyId } = await submitted();
    const [, programmeId, , at] = key.split(':');
    for (const other of [
      'decision:defi:cand-1',
      `checkin:2026-10:${programmeId}/team-1:someone`,
      `endorsement:${programmeId}:${candidacyId}:${Number(at) - 1}`,
      `endorsement:other-programme:${candidacyId}:${at}`,
      `endorsement:${programmeId}:unknown-candidacy:${at}`,
    ]) {
      assert.equal(await tellCandidateIfEndorsementUnreached(deps, other), false, other);
    }
    const answered = await answerEndorsement(kit.deps, {
      programme,
      candidacyId,
      manager: { aadId: 'manager-aad', email: 'manager@caf.fr' },
      verdict: 'endorsed',
      comment: '',
    });
    assert.ok(answered.ok);
    assert.equal(await tellCandidateIfEndorsementUnreached(deps, key), false);
    assert.equal(kit.notifier.ofKind('candidacy.endorsementUnreachable').length, 0);
  });
});
