import assert from 'node:assert/strict';
import { planReviewSends } from '../../../../src/core/follow-up/plan-review-sends';
import { example2026Input, PEOPLE } from '../../../support/follow-up-fakes';

describe('planReviewSends', () => {
  const sends = planReviewSends(example2026Input());
  const of = (teamId: string, kind: string, review: string) =>
    sends.filter((s) => s.teamId === teamId && s.kind === kind && s.review?.id === review);

  it('sends the preparation 14 days before the December review, to the lead and the channel', () => {
    const preparation = of('team-2', 'review.preparation', 'december');
    assert.deepEqual(
      preparation.map((s) => [s.localDay, s.localTime, s.recipient.kind]),
      [
        ['2026-11-26', '09:30', 'person'],
        ['2026-11-26', '09:30', 'channel'],
      ],
    );
    assert.equal(preparation[0]?.expiresAt.toISOString(), '2026-12-09T23:00:00.000Z');
  });

  it('reminds the lead 2 days before and asks for the outcome the day after', () => {
    assert.deepEqual(
      of('team-2', 'review.reminder', 'december').map((s) => s.localDay),
      ['2026-12-08'],
    );
    assert.deepEqual(
      of('team-2', 'review.outcome', 'december').map((s) => s.localDay),
      ['2026-12-11', '2026-12-11'],
    );
  });

  it('sends the March review cards on working days of the lead’s calendar', () => {
    // 11 March 2027 is a Thursday: 25 February, 9 March and 12 March.
    const days = (kind: string) => of('team-1', kind, 'march').map((s) => s.localDay);
    assert.deepEqual(days('review.preparation'), ['2027-02-25', '2027-02-25']);
    assert.deepEqual(days('review.reminder'), ['2027-03-09']);
    assert.deepEqual(days('review.outcome'), ['2027-03-12', '2027-03-12']);
    assert.equal(of('team-1', 'review.reminder', 'march')[0]?.timeZone, 'America/Cayenne');
  });

  it('sends a pack per team to each Lab team member on the working day before the review', () => {
    const packs = sends.filter((s) => s.kind === 'review.pack' && s.review?.id === 'december');
    assert.equal(packs.length, 4 * 2);
    assert.ok(packs.every((s) => s.localDay === '2026-12-09' && s.timeZone === 'Europe/Paris'));
    assert.deepEqual(
      [...new Set(packs.map((s) => (s.recipient.kind === 'person' ? s.recipient.aadId : '')))],
      [PEOPLE.nadia, PEOPLE.olivier],
    );
  });

  it('adds the Lab team of the configuration once, without repeating those the programme names', () => {
    const input = example2026Input();
    input.extraLabTeam = [
      { aadId: PEOPLE.nadia.toUpperCase(), name: '' },
      { aadId: 'c8f62e66-9d76-4908-b4e4-fe67e8c2a433', name: '' },
    ];
    const packs = planReviewSends(input).filter(
      (s) => s.kind === 'review.pack' && s.teamId === 'team-1' && s.review?.id === 'march',
    );
    assert.equal(packs.length, 3);
  });
});
