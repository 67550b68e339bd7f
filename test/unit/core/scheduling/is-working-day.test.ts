import assert from 'node:assert/strict';
import type { HolidayCalendar } from '../../../../src/core/scheduling/holiday-calendar';
import { isWorkingDay } from '../../../../src/core/scheduling/is-working-day';

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
