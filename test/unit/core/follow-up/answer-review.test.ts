import assert from 'node:assert/strict';
import { answerReview } from '../../../../src/core/follow-up/answer-review';
import { getReviewView } from '../../../../src/core/follow-up/get-review-view';
import { actor, createFollowUpTestKit, PEOPLE } from '../../../support/follow-up-fakes';

const preparation = {
  results: '12 agents accompagnés',
  indicators: '',
  decisionsNeeded: 'Budget du kit',
  nextSteps: 'Deux services de plus',
};
const outcome = { decision: 'scale-up', nextSteps: 'Présenter au réseau', owner: 'Claire Dubois' };
const card = (kind: 'preparation' | 'outcome', aadId: string, fields: Record<string, unknown>) => ({
  programmeId: 'defi-du-lab-2026',
  teamId: 'team-1',
  review: 'december' as const,
  kind,
  viewer: actor(aadId, 'Quelqu’un'),
  fields,
});

describe('answerReview', () => {
  it('records the lead’s preparation until the end of the review day, then refuses it', async () => {
    const kit = await createFollowUpTestKit('2026-11-27T14:00:00Z');
    const first = await answerReview(kit, card('preparation', PEOPLE.maelys, preparation));
    assert.ok(first.ok);
    assert.equal(first.value.answer?.kind, 'preparation');
    kit.clock.set('2026-12-10T22:59:00Z');
    assert.ok((await answerReview(kit, card('preparation', PEOPLE.maelys, preparation))).ok);
    kit.clock.set('2026-12-10T23:00:00Z');
    const closed = await answerReview(kit, card('preparation', PEOPLE.maelys, preparation));
    assert.equal(!closed.ok && closed.refusal.code, 'closed');
    assert.equal(
      (await kit.reviews.get('defi-du-lab-2026', 'team-1', 'december', 'preparation'))?.revision,
      2,
    );
  });

  it('lets a facilitator record the outcome from the review day, but not prepare', async () => {
    const kit = await createFollowUpTestKit('2026-12-09T10:00:00Z');
    const early = await answerReview(kit, card('outcome', PEOPLE.claire, outcome));
    assert.equal(!early.ok && early.refusal.code, 'notOpen');
    const prepare = await answerReview(kit, card('preparation', PEOPLE.claire, preparation));
    assert.equal(!prepare.ok && prepare.refusal.code, 'forbidden');
    kit.clock.set('2026-12-11T08:30:00Z');
    const recorded = await answerReview(kit, card('outcome', PEOPLE.claire, outcome));
    assert.ok(recorded.ok);
    const stored = await kit.reviews.get('defi-du-lab-2026', 'team-1', 'december', 'outcome');
    assert.deepEqual(stored?.fields, outcome);
    assert.equal(stored?.answeredBy.aadId, PEOPLE.claire);
  });

  it('reports each invalid field of an outcome and stores nothing', async () => {
    const kit = await createFollowUpTestKit('2026-12-11T08:30:00Z');
    const refused = await answerReview(
      kit,
      card('outcome', PEOPLE.maelys, { decision: 'maybe', owner: '' }),
    );
    assert.ok(!refused.ok);
    assert.deepEqual(
      refused.refusal.issues?.map((i) => [i.path[0], i.code]),
      [
        ['decision', 'choice'],
        ['nextSteps', 'required'],
        ['owner', 'required'],
      ],
    );
    assert.equal(kit.reviews.answers.size, 0);
  });

  it('refuses a member of another team, and shows them nothing of this one', async () => {
    const kit = await createFollowUpTestKit('2026-11-27T14:00:00Z');
    const refused = await answerReview(kit, card('preparation', PEOPLE.camille, preparation));
    assert.deepEqual(refused, { ok: false, refusal: { code: 'notReader', params: {} } });
    const view = await getReviewView(kit, card('preparation', PEOPLE.camille, {}));
    assert.deepEqual(view, { ok: false, refusal: { code: 'notReader', params: {} } });
  });
});
