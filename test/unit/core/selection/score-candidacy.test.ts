import assert from 'node:assert/strict';
import { getCandidacyDetail } from '../../../../src/core/selection/get-candidacy-detail';
import { listCandidacies } from '../../../../src/core/selection/list-candidacies';
import { scoreCandidacy } from '../../../../src/core/selection/score-candidacy';
import { COMMITTEE_CNAV, createTestProgramme, person } from '../../../support/candidacy-programme';
import { createCandidacyTestKit } from '../../../support/candidacy-fakes';
import { submitCandidacies } from '../../../support/submit-candidacies';

const programme = createTestProgramme();
const member = person(COMMITTEE_CNAV.aadId);

describe('committee scoring', () => {
  it('records 1 to 5 per criterion with a comment, and audits it', async () => {
    const kit = createCandidacyTestKit();
    const [id] = await submitCandidacies(kit, ['caf-guyane']);
    const outcome = await scoreCandidacy(kit.deps, {
      programme,
      memberAadId: COMMITTEE_CNAV.aadId,
      candidacyId: id!,
      fields: { 'score.impact': '4', 'score.motivation': '5', comment: 'Solide' },
    });
    assert.ok(outcome.ok);
    assert.deepEqual(outcome.value.values, { impact: 4, motivation: 5 });
    assert.deepEqual(
      kit.audit.map((e) => [e.action, e.actor, e.subjectId]),
      [['candidacy.score', COMMITTEE_CNAV.aadId, id]],
    );
  });

  it('refuses a candidacy from the member’s own organisation', async () => {
    const kit = createCandidacyTestKit();
    const [id] = await submitCandidacies(kit, ['cnav']);
    const outcome = await scoreCandidacy(kit.deps, {
      programme,
      memberAadId: COMMITTEE_CNAV.aadId,
      candidacyId: id!,
      fields: { 'score.impact': '4', 'score.motivation': '5' },
    });
    assert.deepEqual(outcome, {
      ok: false,
      refusal: { code: 'conflictOfInterest', params: { organisation: 'Cnav' } },
    });
    assert.equal(kit.scores.scores.length, 0);
  });

  it('refuses scores outside 1 to 5, each next to its criterion', async () => {
    const kit = createCandidacyTestKit();
    const [id] = await submitCandidacies(kit, ['caf-guyane']);
    const outcome = await scoreCandidacy(kit.deps, {
      programme,
      memberAadId: COMMITTEE_CNAV.aadId,
      candidacyId: id!,
      fields: { 'score.impact': '6', 'score.motivation': '' },
    });
    assert.ok(!outcome.ok);
    assert.deepEqual(
      outcome.refusal.issues?.map((i) => [i.path[0], i.code]),
      [
        ['score.impact', 'max'],
        ['score.motivation', 'required'],
      ],
    );
  });

  it('refuses someone outside the committee', async () => {
    const kit = createCandidacyTestKit();
    const [id] = await submitCandidacies(kit, ['caf-guyane']);
    const outcome = await scoreCandidacy(kit.deps, {
      programme,
      memberAadId: 'not-a-member',
      candidacyId: id!,
      fields: {},
    });
    assert.equal(outcome.ok ? '' : outcome.refusal.code, 'forbidden');
  });

  it('never offers a member their own organisation’s candidacies, nor opens one', async () => {
    const kit = createCandidacyTestKit();
    const ids = await submitCandidacies(kit, ['cnav', 'caf-guyane', 'cnav', 'cpam-sarthe']);
    const list = await listCandidacies(kit.deps, { programme, viewer: member, query: {} });
    assert.ok(list.ok);
    assert.deepEqual(
      list.value.items.map((c) => c.organisationId),
      ['caf-guyane', 'cpam-sarthe'],
    );
    const detail = await getCandidacyDetail(kit.deps, {
      programme,
      viewer: member,
      candidacyId: ids[0]!,
    });
    assert.equal(detail.ok ? '' : detail.refusal.code, 'conflictOfInterest');
  });
});
