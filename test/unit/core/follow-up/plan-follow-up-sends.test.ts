import assert from 'node:assert/strict';
import { planFollowUpSends } from '../../../../src/core/follow-up/plan-follow-up-sends';
import { example2026Input } from '../../../support/follow-up-fakes';

describe('planFollowUpSends', () => {
  const year = planFollowUpSends(example2026Input(), {
    from: new Date('2026-08-01T00:00:00Z'),
    to: new Date('2027-04-30T00:00:00Z'),
  });

  it('plans check-ins from September to March and nothing after the programme ends', () => {
    const months = [...new Set(year.filter((s) => s.kind === 'checkin.card').map((s) => s.period))];
    assert.deepEqual(months, [
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
      '2027-03',
    ]);
  });

  it('orders sends by due time and gives each its own key', () => {
    for (let i = 1; i < year.length; i += 1) {
      assert.ok(year[i - 1]!.dueAt.getTime() <= year[i]!.dueAt.getTime());
    }
    assert.equal(new Set(year.map((s) => s.key)).size, year.length);
  });

  it('keeps 09:30 local across the October change to winter time', () => {
    const paris = year.filter(
      (s) => s.kind === 'checkin.card' && s.teamId === 'team-2' && s.recipient.kind === 'person',
    );
    assert.equal(
      paris.find((s) => s.period === '2026-10')?.dueAt.toISOString(),
      '2026-10-01T07:30:00.000Z',
    );
    assert.equal(
      paris.find((s) => s.period === '2026-11')?.dueAt.toISOString(),
      '2026-11-02T08:30:00.000Z',
    );
  });

  it('returns only the sends due inside the range', () => {
    const from = new Date('2026-10-06T00:00:00Z');
    const to = new Date('2026-10-06T23:59:59Z');
    const day = planFollowUpSends(example2026Input(), { from, to });
    assert.deepEqual(
      day.map((s) => `${s.kind} ${s.teamId}`),
      [
        'checkin.reminder team-2',
        'checkin.reminder team-3',
        'checkin.reminder team-4',
        'checkin.reminder team-1',
      ],
    );
  });
});
