import assert from 'node:assert/strict';
import { planFollowUpSends } from '../../../../src/core/follow-up/plan-follow-up-sends';
import type { PlannedSend } from '../../../../src/core/follow-up/planned-send';
import { runPlannedSend } from '../../../../src/core/follow-up/run-planned-send';
import type { ReviewAnswer } from '../../../../src/core/follow-up/review-answer';
import {
  aCheckinAnswer,
  example2026Input,
  InMemoryAbsenceStore,
  InMemoryCheckinStore,
  InMemoryReviewStore,
  PEOPLE,
  RecordingNotifier,
} from '../../../support/follow-up-fakes';

describe('runPlannedSend', () => {
  const input = example2026Input();
  const year = planFollowUpSends(input, {
    from: new Date('2026-09-01T00:00:00Z'),
    to: new Date('2027-04-01T00:00:00Z'),
  });
  const find = (kind: string, teamId: string, period: string, who?: string): PlannedSend => {
    const send = year.find(
      (s) =>
        s.kind === kind &&
        s.teamId === teamId &&
        s.period === period &&
        (who === undefined || (s.recipient.kind === 'person' && s.recipient.aadId === who)),
    );
    assert.ok(send, `no ${kind} for ${teamId} in ${period}`);
    return send;
  };
  let deps: {
    notifier: RecordingNotifier;
    checkins: InMemoryCheckinStore;
    reviews: InMemoryReviewStore;
    absences: InMemoryAbsenceStore;
  };

  beforeEach(() => {
    deps = {
      notifier: new RecordingNotifier(),
      checkins: new InMemoryCheckinStore(),
      reviews: new InMemoryReviewStore(),
      absences: new InMemoryAbsenceStore(),
    };
  });

  it('queues the check-in card under the send’s key, not before its due time, with the form’s data', async () => {
    const send = find('checkin.card', 'team-1', '2026-10', PEOPLE.maelys);
    assert.equal(await runPlannedSend(send, input, deps), 'sent');
    const [call] = deps.notifier.calls;
    assert.equal(call?.key, 'checkin:2026-10:defi-du-lab-2026/team-1/lead');
    assert.deepEqual(call?.recipient, { kind: 'user', aadId: PEOPLE.maelys });
    assert.equal(call?.notBefore?.toISOString(), '2026-10-01T12:30:00.000Z');
    assert.equal(call?.notice.kind, 'checkin.card');
    assert.equal(call?.notice.data.answerByDay, '2026-10-08');
    assert.equal(call?.notice.data.leadName, 'Maëlys Horth');
    assert.deepEqual(
      (call?.notice.data.indicators as { id: string }[]).map((i) => i.id),
      ['agents-touches', 'prochaine-etape'],
    );
    assert.ok((call?.notice.data.viewerAadIds as string[]).includes(PEOPLE.claire));
  });

  it('posts the channel card to the team’s conversation', async () => {
    const send = year.find(
      (s) => s.kind === 'checkin.card' && s.teamId === 'team-3' && s.recipient.kind === 'channel',
    );
    assert.ok(send);
    await runPlannedSend(send, input, deps);
    assert.deepEqual(deps.notifier.calls[0]?.recipient, {
      kind: 'conversation',
      conversationId: '19:team-3-journee-des-possibilites@thread.tacv2',
    });
  });

  it('reminds and escalates only a team that has not answered', async () => {
    await deps.checkins.save(aCheckinAnswer({ teamId: 'team-2', month: '2026-10' }));
    assert.equal(
      await runPlannedSend(find('checkin.reminder', 'team-2', '2026-10'), input, deps),
      'answered',
    );
    assert.equal(
      await runPlannedSend(
        find('checkin.escalation', 'team-2', '2026-10', PEOPLE.hugo),
        input,
        deps,
      ),
      'answered',
    );
    assert.equal(
      await runPlannedSend(find('checkin.reminder', 'team-3', '2026-10'), input, deps),
      'sent',
    );
    assert.deepEqual(
      deps.notifier.calls.map((c) => c.key),
      ['checkin-reminder-d3:2026-10:defi-du-lab-2026/team-3/lead'],
    );
  });

  it('skips reminders to an absent lead until the last day of the absence, and tells the facilitators', async () => {
    await deps.absences.set({
      aadId: PEOPLE.nathalie,
      until: '2026-10-08',
      declaredAt: new Date('2026-09-30T10:00:00Z'),
    });
    const reminders = year.filter(
      (s) => s.kind === 'checkin.reminder' && s.teamId === 'team-3' && s.period === '2026-10',
    );
    for (const reminder of reminders) {
      assert.equal(await runPlannedSend(reminder, input, deps), 'absent');
    }
    const escalation = find('checkin.escalation', 'team-3', '2026-10', PEOPLE.claire);
    assert.equal(await runPlannedSend(escalation, input, deps), 'sent');
    assert.equal(deps.notifier.calls[0]?.notice.data.leadAbsentUntil, undefined, 'back by the 9th');
    assert.equal(
      await runPlannedSend(find('checkin.reminder', 'team-3', '2026-11'), input, deps),
      'sent',
    );
  });

  it('does not escalate to a facilitator who is absent that day', async () => {
    await deps.absences.set({
      aadId: PEOPLE.claire,
      until: '2026-10-12',
      declaredAt: new Date('2026-10-01T10:00:00Z'),
    });
    assert.equal(
      await runPlannedSend(
        find('checkin.escalation', 'team-3', '2026-10', PEOPLE.claire),
        input,
        deps,
      ),
      'absent',
    );
    assert.equal(
      await runPlannedSend(
        find('checkin.escalation', 'team-3', '2026-10', PEOPLE.samuel),
        input,
        deps,
      ),
      'sent',
    );
  });

  it('reminds a team to prepare its review only when it has not, and asks for an outcome once', async () => {
    const preparation: ReviewAnswer = {
      kind: 'preparation',
      programmeId: 'defi-du-lab-2026',
      teamId: 'team-4',
      review: 'december',
      fields: { results: 'r', indicators: 'i', decisionsNeeded: 'd', nextSteps: 'n' },
      answeredBy: { aadId: PEOPLE.pieter, name: 'Pieter Janssens' },
      answeredAt: new Date('2026-11-30T09:00:00Z'),
      revision: 1,
    };
    await deps.reviews.save(preparation);
    assert.equal(
      await runPlannedSend(find('review.reminder', 'team-4', '2026-12'), input, deps),
      'answered',
    );
    assert.equal(
      await runPlannedSend(find('review.reminder', 'team-1', '2026-12'), input, deps),
      'sent',
    );
    await deps.reviews.save({
      ...preparation,
      kind: 'outcome',
      fields: { decision: 'scale-up', nextSteps: 'n', owner: 'o' },
    });
    assert.equal(
      await runPlannedSend(find('review.outcome', 'team-4', '2026-12'), input, deps),
      'answered',
    );
  });

  it('gives the Lab team a pack with the check-in history up to the review and the preparation', async () => {
    await deps.checkins.save(
      aCheckinAnswer({ teamId: 'team-2', month: '2026-09', status: 'at-risk' }),
    );
    await deps.checkins.save(aCheckinAnswer({ teamId: 'team-2', month: '2026-10', progress: 55 }));
    await deps.checkins.save(aCheckinAnswer({ teamId: 'team-2', month: '2027-01' }));
    const pack = find('review.pack', 'team-2', '2026-12', PEOPLE.nadia);
    assert.equal(await runPlannedSend(pack, input, deps), 'sent');
    const data = deps.notifier.calls[0]?.notice.data;
    assert.deepEqual(
      (data?.history as { month: string; status: string; progress: number }[]).map((h) => [
        h.month,
        h.status,
        h.progress,
      ]),
      [
        ['2026-09', 'at-risk', 40],
        ['2026-10', 'on-track', 55],
      ],
    );
    assert.equal(data?.preparation, null);
    assert.equal(data?.reviewDay, '2026-12-10');
  });

  it('skips a send whose team was removed since it was planned', async () => {
    const send = find('checkin.card', 'team-1', '2026-10');
    assert.equal(await runPlannedSend(send, { ...input, teams: [] }, deps), 'gone');
    assert.equal(deps.notifier.calls.length, 0);
  });
});
