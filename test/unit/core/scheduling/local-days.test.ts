import assert from 'node:assert/strict';
import { addDays, isWorkingDay } from '../../../../src/core/scheduling/local-days';
import { type HolidayCalendar } from '../../../../src/core/scheduling/holiday-calendars';

describe('addDays', () => {
  it('crosses month, year and leap-day boundaries', () => {
    assert.equal(addDays('2026-01-31', 1), '2026-02-01');
    assert.equal(addDays('2026-12-31', 1), '2027-01-01');
    assert.equal(addDays('2028-02-28', 1), '2028-02-29');
    assert.equal(addDays('2026-03-01', -1), '2026-02-28');
  });

  it('treats DST Sundays as ordinary calendar days', () => {
    assert.equal(addDays('2026-03-28', 1), '2026-03-29');
    assert.equal(addDays('2026-10-25', 1), '2026-10-26');
  });
});

describe('isWorkingDay', () => {
  const calendar: HolidayCalendar = { id: 'FR', isHoliday: (day) => day === '2026-07-14' };

  it('accepts Monday to Friday', () => {
    for (const day of ['2026-07-13', '2026-07-15', '2026-07-16', '2026-07-17']) {
      assert.equal(isWorkingDay(day, calendar), true, day);
    }
  });

  it('refuses Saturdays, Sundays and holidays', () => {
    assert.equal(isWorkingDay('2026-07-18', calendar), false);
    assert.equal(isWorkingDay('2026-07-19', calendar), false);
    assert.equal(isWorkingDay('2026-07-14', calendar), false);
  });
});
