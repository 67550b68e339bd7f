import assert from 'node:assert/strict';
import { pickCheckinMonth } from '../../../../src/core/digests/pick-checkin-month';
import { createHolidayCalendar } from '../../../../src/core/scheduling/holiday-calendars';
import { createDigestProgramme } from '../../../support/digest-fixtures';

const france = createHolidayCalendar('FR');
const programme = createDigestProgramme();

describe('pickCheckinMonth', () => {
  it('reports the month whose check-in went out, and the one before', () => {
    assert.deepEqual(pickCheckinMonth(programme, '2026-11-20', france), {
      month: '2026-11',
      previousMonth: '2026-10',
    });
  });

  it('keeps the previous month until this month’s check-in day, moved by a holiday', () => {
    // 1 November 2026 is a Sunday and All Saints' Day: the check-in goes out on Monday 2.
    assert.equal(pickCheckinMonth(programme, '2026-11-01', france)?.month, '2026-10');
    assert.equal(pickCheckinMonth(programme, '2026-11-02', france)?.month, '2026-11');
  });

  it('has no previous month on the first check-in, and nothing before it', () => {
    assert.deepEqual(pickCheckinMonth(programme, '2026-09-01', france), {
      month: '2026-09',
      previousMonth: null,
    });
    assert.equal(pickCheckinMonth(programme, '2026-08-31', france), undefined);
  });

  it('skips the months without a check-in', () => {
    const withBreak = createDigestProgramme({
      followUp: {
        checkInWorkingDay: 1,
        checkInTime: '09:30',
        reminderWorkingDays: [3, 5],
        escalationWorkingDay: 6,
        skippedMonths: ['2026-12'],
        membersMayAnswer: false,
        indicators: [],
        labTeam: [],
      },
    });
    assert.deepEqual(pickCheckinMonth(withBreak, '2026-12-20', france), {
      month: '2026-11',
      previousMonth: '2026-10',
    });
    assert.deepEqual(pickCheckinMonth(withBreak, '2027-01-15', france), {
      month: '2027-01',
      previousMonth: '2026-11',
    });
  });

  it('keeps reporting the last month once the programme has ended', () => {
    assert.deepEqual(pickCheckinMonth(programme, '2027-06-01', france), {
      month: '2027-03',
      previousMonth: '2027-02',
    });
  });
});
