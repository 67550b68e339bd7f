import assert from 'node:assert/strict';
import { listTeamHistory } from '../../../../src/core/follow-up/list-team-history';
import {
  aCheckinAnswer,
  actor,
  createFollowUpTestKit,
  PEOPLE,
  type FollowUpTestKit,
} from '../../../support/follow-up-fakes';

describe('listTeamHistory', () => {
  let kit: FollowUpTestKit;

  beforeEach(async () => {
    kit = await createFollowUpTestKit('2026-11-20T10:00:00Z');
    await kit.checkins.save(aCheckinAnswer({ teamId: 'team-2', month: '2026-09' }));
    await kit.checkins.save(
      aCheckinAnswer({ teamId: 'team-2', month: '2026-10', status: 'at-risk' }),
    );
    await kit.checkins.save(aCheckinAnswer({ teamId: 'team-3', month: '2026-10' }));
  });

  it('shows a member their own team’s months, oldest first', async () => {
    const outcome = await listTeamHistory(kit, { viewer: actor(PEOPLE.karim) });
    assert.ok(outcome.ok);
    assert.deepEqual(
      outcome.value.map((h) => [h.heading.teamId, h.answers.map((a) => `${a.month} ${a.status}`)]),
      [['team-2', ['2026-09 on-track', '2026-10 at-risk']]],
    );
  });

  it('shows a facilitator every team they follow, and the Lab team every team', async () => {
    const hugo = await listTeamHistory(kit, { viewer: actor(PEOPLE.hugo) });
    assert.deepEqual(hugo.ok && hugo.value.map((h) => h.heading.teamId), ['team-1', 'team-2']);
    const lab = await listTeamHistory(kit, {
      viewer: actor('c8f62e66-9d76-4908-b4e4-fe67e8c2a433', 'L', true),
    });
    assert.deepEqual(lab.ok && lab.value.map((h) => h.heading.teamId), [
      'team-1',
      'team-2',
      'team-3',
      'team-4',
    ]);
  });

  it('picks the team of the channel it is asked in, or the one named by its number', async () => {
    const inChannel = await listTeamHistory(kit, {
      viewer: actor(PEOPLE.nadia),
      conversationId: '19:team-3-journee-des-possibilites@thread.tacv2',
    });
    assert.deepEqual(inChannel.ok && inChannel.value.map((h) => h.heading.teamId), ['team-3']);
    const numbered = await listTeamHistory(kit, { viewer: actor(PEOPLE.hugo), teamNumber: 1 });
    assert.deepEqual(numbered.ok && numbered.value.map((h) => h.heading.teamId), ['team-1']);
  });

  it('refuses another team’s history to a participant, and says when someone has no team', async () => {
    const other = await listTeamHistory(kit, { viewer: actor(PEOPLE.karim), teamNumber: 3 });
    // Another team's name is theirs too: the refusal names nothing.
    assert.deepEqual(other, { ok: false, refusal: { code: 'notReader', params: {} } });
    const stranger = await listTeamHistory(kit, {
      viewer: actor('99999999-9999-4999-8999-999999999999'),
    });
    assert.deepEqual(stranger, { ok: false, refusal: { code: 'noTeam', params: {} } });
    const unknown = await listTeamHistory(kit, { viewer: actor(PEOPLE.nadia), teamNumber: 12 });
    assert.equal(!unknown.ok && unknown.refusal.code, 'notFound');
  });
});
