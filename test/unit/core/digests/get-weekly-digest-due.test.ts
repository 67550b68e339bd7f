import assert from 'node:assert/strict';
import {
  DEFAULT_WEEKLY_SCHEDULE,
  getWeeklyDigestDue,
} from '../../../../src/core/digests/get-weekly-digest-due';

describe('getWeeklyDigestDue', () => {
  it('is Monday 09:00 in Paris by default, in winter and in summer time', () => {
    assert.deepEqual(
      getWeeklyDigestDue(new Date('2026-11-23T08:00:00Z'), DEFAULT_WEEKLY_SCHEDULE),
      {
        day: '2026-11-23',
        dueAt: new Date('2026-11-23T08:00:00Z'),
      },
    );
    assert.deepEqual(
      getWeeklyDigestDue(new Date('2026-06-29T07:00:00Z'), DEFAULT_WEEKLY_SCHEDULE),
      {
        day: '2026-06-29',
        dueAt: new Date('2026-06-29T07:00:00Z'),
      },
    );
  });

  it('keeps the previous Monday until this Monday’s time has come', () => {
    assert.equal(
      getWeeklyDigestDue(new Date('2026-11-23T07:59:00Z'), DEFAULT_WEEKLY_SCHEDULE).day,
      '2026-11-16',
    );
    assert.equal(
      getWeeklyDigestDue(new Date('2026-11-29T22:00:00Z'), DEFAULT_WEEKLY_SCHEDULE).day,
      '2026-11-23',
    );
  });

  it('follows a configured day, time and zone', () => {
    const friday = { weekday: 5, time: '16:30', timeZone: 'America/Cayenne' };
    assert.deepEqual(getWeeklyDigestDue(new Date('2026-11-25T12:00:00Z'), friday), {
      day: '2026-11-20',
      dueAt: new Date('2026-11-20T19:30:00Z'),
    });
  });
});
