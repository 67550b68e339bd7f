import assert from 'node:assert/strict';
import { createHolidayCalendar } from '../../../../src/core/scheduling/create-holiday-calendar';

describe('createHolidayCalendar', () => {
  const mainland = createHolidayCalendar('FR');
  const guiana = createHolidayCalendar('FR-GF');
  const belgium = createHolidayCalendar('BE');

  it('knows Christmas and New Year in all three calendars', () => {
    for (const calendar of [mainland, guiana, belgium]) {
      assert.equal(calendar.isHoliday('2026-12-25'), true, calendar.id);
      assert.equal(calendar.isHoliday('2027-01-01'), true, calendar.id);
    }
  });

  it("knows French Guiana's 10 June, which the mainland does not observe", () => {
    assert.equal(guiana.isHoliday('2026-06-10'), true);
    assert.equal(mainland.isHoliday('2026-06-10'), false);
  });

  it("knows Belgium's 21 July and not France's 14 July", () => {
    assert.equal(belgium.isHoliday('2026-07-21'), true);
    assert.equal(belgium.isHoliday('2026-07-14'), false);
    assert.equal(mainland.isHoliday('2026-07-14'), true);
  });

  it('counts Easter Monday and Whit Monday, which move every year', () => {
    assert.equal(mainland.isHoliday('2026-04-06'), true);
    assert.equal(mainland.isHoliday('2027-03-29'), true);
    assert.equal(mainland.isHoliday('2026-05-25'), true);
  });

  it('ignores observances that are working days, such as Mother’s Day', () => {
    assert.equal(mainland.isHoliday('2026-05-31'), false);
    assert.equal(mainland.isHoliday('2026-03-02'), false);
  });

  it('does not depend on the time zone of the process', () => {
    const previous = process.env.TZ;
    process.env.TZ = 'Pacific/Kiritimati';
    try {
      const calendar = createHolidayCalendar('FR-GF');
      assert.equal(calendar.isHoliday('2028-06-10'), true);
      assert.equal(calendar.isHoliday('2028-06-09'), false);
    } finally {
      if (previous === undefined) delete process.env.TZ;
      else process.env.TZ = previous;
    }
  });
});
