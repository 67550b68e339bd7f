import assert from 'node:assert/strict';
import { answerCheckin } from '../../../../src/core/follow-up/answer-checkin';
import { getCheckinView } from '../../../../src/core/follow-up/get-checkin-view';
import {
  actor,
  createFollowUpTestKit,
  PEOPLE,
  type FollowUpTestKit,
} from '../../../support/follow-up-fakes';

const fields = {
  status: 'on-track',
  progress: '40',
  done: 'Premier atelier',
  nextSteps: 'Deux services pilotes',
  helpCategory: 'none',
  helpText: '',
};

const request = (aadId: string, overrides: Record<string, unknown> = {}, isLab = false) => ({
  programmeId: 'defi-du-lab-2026',
  teamId: 'team-2',
  month: '2026-10',
  actor: actor(aadId, 'Quelqu’un', isLab),
  fields: { ...fields, ...overrides },
});

describe('answerCheckin', () => {
  let kit: FollowUpTestKit;

  beforeEach(async () => {
    // Friday 2 October 2026, 11:00 in Paris: the October check-in went out the day before.
    kit = await createFollowUpTestKit('2026-10-02T09:00:00Z');
  });

  it('records the lead’s answer, on time, with who answered and when', async () => {
    const outcome = await answerCheckin(kit, request(PEOPLE.camille));
    assert.ok(outcome.ok);
    const stored = await kit.checkins.get('defi-du-lab-2026', 'team-2', '2026-10');
    assert.equal(stored?.status, 'on-track');
    assert.equal(stored?.progress, 40);
    assert.equal(stored?.answeredBy.aadId, PEOPLE.camille);
    assert.equal(stored?.answeredAt.toISOString(), '2026-10-02T09:00:00.000Z');
    assert.equal(stored?.late, false);
    assert.equal(stored?.revision, 1);
    assert.equal(outcome.value.canAnswer, true);
  });

  it('refuses a member and a facilitator, and a stranger without naming the team; stores nothing', async () => {
    for (const aadId of [PEOPLE.karim, PEOPLE.hugo]) {
      const outcome = await answerCheckin(kit, request(aadId));
      assert.deepEqual(outcome, {
        ok: false,
        refusal: { code: 'forbidden', params: { team: 'Kit à recruter' } },
      });
    }
    const stranger = await answerCheckin(kit, request('99999999-9999-4999-8999-999999999999'));
    assert.deepEqual(stranger, { ok: false, refusal: { code: 'notReader', params: {} } });
    assert.equal(kit.checkins.answers.size, 0);
  });

  it('lets members answer when the programme allows it, and the Lab team always', async () => {
    assert.ok(
      (await answerCheckin(kit, request(PEOPLE.nadia, {}, false))).ok,
      'named in the programme',
    );
    assert.ok(
      (await answerCheckin(kit, request('c8f62e66-9d76-4908-b4e4-fe67e8c2a433', {}, true))).ok,
    );
    const programme = (await kit.programmes.get('defi-du-lab-2026'))!;
    programme.followUp = { ...programme.followUp!, membersMayAnswer: true };
    await kit.programmes.save(programme);
    const byMember = await answerCheckin(kit, request(PEOPLE.karim));
    assert.ok(byMember.ok);
    assert.equal(byMember.value.answer?.revision, 3);
  });

  it('reports every invalid field and stores nothing', async () => {
    const outcome = await answerCheckin(
      kit,
      request(PEOPLE.camille, { progress: '140', done: '' }),
    );
    assert.ok(!outcome.ok);
    assert.equal(outcome.refusal.code, 'invalid');
    assert.deepEqual(
      outcome.refusal.issues?.map((i) => [i.path[0], i.code]),
      [
        ['progress', 'max'],
        ['done', 'required'],
      ],
    );
    assert.equal(kit.checkins.answers.size, 0);
  });

  it('accepts an answer after the escalation day and marks it late', async () => {
    kit.clock.set('2026-10-12T08:00:00Z');
    const outcome = await answerCheckin(kit, request(PEOPLE.camille));
    assert.ok(outcome.ok);
    assert.equal(outcome.value.answer?.late, true);
  });

  it('lets the answer be edited until the window closes, keeping it on time', async () => {
    await answerCheckin(kit, request(PEOPLE.camille));
    kit.clock.set('2026-10-30T15:00:00Z');
    const edit = await answerCheckin(kit, request(PEOPLE.camille, { status: 'at-risk' }));
    assert.ok(edit.ok);
    assert.equal(edit.value.answer?.status, 'at-risk');
    assert.equal(edit.value.answer?.late, false);
    assert.equal(edit.value.answer?.revision, 2);
    assert.equal(edit.value.answer?.firstAnsweredAt.toISOString(), '2026-10-02T09:00:00.000Z');
    // November's check-in goes out on Monday 2 November at 09:30 in Paris: October is closed.
    kit.clock.set('2026-11-02T08:30:00Z');
    const late = await answerCheckin(kit, request(PEOPLE.camille, { status: 'blocked' }));
    assert.deepEqual(late, {
      ok: false,
      refusal: { code: 'closed', params: { month: '2026-10' } },
    });
    assert.equal(
      (await kit.checkins.get('defi-du-lab-2026', 'team-2', '2026-10'))?.status,
      'at-risk',
    );
  });

  it('refuses an answer before the check-in went out, and a month without check-in', async () => {
    const early = await answerCheckin(kit, { ...request(PEOPLE.camille), month: '2026-11' });
    assert.deepEqual(early, {
      ok: false,
      refusal: { code: 'notOpen', params: { day: '2026-11-02' } },
    });
    const none = await answerCheckin(kit, { ...request(PEOPLE.camille), month: '2027-06' });
    assert.equal(!none.ok && none.refusal.code, 'notFound');
    const noTeam = await answerCheckin(kit, { ...request(PEOPLE.camille), teamId: 'team-9' });
    assert.equal(!noTeam.ok && noTeam.refusal.code, 'notFound');
  });
});

describe('getCheckinView', () => {
  it('shows a facilitator the answer without letting them answer, and a lead the form', async () => {
    const kit = await createFollowUpTestKit('2026-10-02T09:00:00Z');
    await answerCheckin(kit, request(PEOPLE.camille));
    const view = { programmeId: 'defi-du-lab-2026', teamId: 'team-2', month: '2026-10' };
    const forFacilitator = await getCheckinView(kit, { ...view, viewer: actor(PEOPLE.hugo) });
    assert.ok(forFacilitator.ok);
    assert.equal(forFacilitator.value.canAnswer, false);
    assert.equal(forFacilitator.value.answer?.progress, 40);
    assert.equal(forFacilitator.value.card.answerByDay, '2026-10-08');
    const forLead = await getCheckinView(kit, { ...view, viewer: actor(PEOPLE.camille) });
    assert.ok(forLead.ok && forLead.value.canAnswer && forLead.value.window === 'open');
  });
});
