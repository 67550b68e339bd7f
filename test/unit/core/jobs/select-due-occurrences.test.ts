import assert from 'node:assert/strict';
import { toOccurrenceKey, type Occurrence } from '../../../../src/core/jobs/occurrence';
import { selectDueOccurrences } from '../../../../src/core/jobs/select-due-occurrences';

const DAY = 24 * 60 * 60 * 1000;

function occurrence(key: string, dueAt: string, validForDays: number): Occurrence {
  const due = new Date(dueAt);
  return { key, dueAt: due, expiresAt: new Date(due.getTime() + validForDays * DAY) };
}

describe('selectDueOccurrences', () => {
  // The October check-in goes out on Thursday 1 October 2026 at 09:30 Paris (07:30 UTC).
  const checkin = occurrence('checkin:2026-10:team-7', '2026-10-01T07:30:00.000Z', 7);
  // A "J-2" reminder is only useful on its own day.
  const reminder = occurrence('review-reminder:2026-12:team-7', '2026-12-08T08:30:00.000Z', 0.6);

  it('ignores an occurrence that is not due yet', () => {
    assert.deepEqual(selectDueOccurrences([checkin], new Date('2026-10-01T07:29:59.999Z')), []);
  });

  it('runs an occurrence from its due time', () => {
    assert.deepEqual(selectDueOccurrences([checkin], new Date('2026-10-01T07:30:00.000Z')), [
      checkin,
    ]);
  });

  it('catches up a monthly check-in missed by two days of downtime', () => {
    assert.deepEqual(selectDueOccurrences([checkin], new Date('2026-10-03T10:00:00.000Z')), [
      checkin,
    ]);
  });

  it('drops a reminder whose day has passed', () => {
    assert.deepEqual(selectDueOccurrences([reminder], new Date('2026-12-09T09:00:00.000Z')), []);
  });

  it('orders the due occurrences by time, then key', () => {
    const a = occurrence('checkin:2026-10:team-2', '2026-10-01T07:30:00.000Z', 7);
    const early = occurrence('checkin:2026-10:team-9', '2026-10-01T04:30:00.000Z', 7);
    assert.deepEqual(
      selectDueOccurrences([checkin, a, early], new Date('2026-10-02T00:00:00.000Z')).map(
        (o) => o.key,
      ),
      ['checkin:2026-10:team-9', 'checkin:2026-10:team-2', 'checkin:2026-10:team-7'],
    );
  });
});

describe('toOccurrenceKey', () => {
  it('joins job, period and target', () => {
    assert.equal(toOccurrenceKey('checkin', '2026-10', 'team-7'), 'checkin:2026-10:team-7');
  });

  it('refuses a part that would make keys ambiguous', () => {
    assert.throws(() => toOccurrenceKey('checkin', '2026:10', 'team-7'), /no colon/);
    assert.throws(() => toOccurrenceKey('checkin', '', 'team-7'), /non-empty/);
  });
});
