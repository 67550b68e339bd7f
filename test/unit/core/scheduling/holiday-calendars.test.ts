import assert from 'node:assert/strict';
import { KNOWN_ORGANISATIONS } from '../../../../src/catalogue/known-organisations';
import { organisationSchema } from '../../../../src/core/programmes/validate-programme';
import {
  createHolidayCalendar,
  HOLIDAY_CALENDAR_IDS,
  HOLIDAY_CALENDARS,
  toHolidayCalendarId,
} from '../../../../src/core/scheduling/holiday-calendars';

describe('toHolidayCalendarId', () => {
  it('picks French Guiana for America/Cayenne and Belgium for Europe/Brussels', () => {
    assert.equal(toHolidayCalendarId('America/Cayenne'), 'FR-GF');
    assert.equal(toHolidayCalendarId('Europe/Brussels'), 'BE');
  });

  it('falls back to mainland France for Paris, other zones and unknown zones', () => {
    assert.equal(toHolidayCalendarId('Europe/Paris'), 'FR');
    assert.equal(toHolidayCalendarId('Asia/Tokyo'), 'FR');
    assert.equal(toHolidayCalendarId(null), 'FR');
    assert.equal(toHolidayCalendarId(undefined), 'FR');
  });
});

describe('the one list of holiday calendars', () => {
  it('gives every calendar a time zone that maps back to it, and a library calendar with holidays', () => {
    for (const calendar of HOLIDAY_CALENDARS) {
      assert.equal(toHolidayCalendarId(calendar.timeZone), calendar.id);
      // Every calendar has at least New Year's Day and one more public holiday a year.
      const holidays = ['2027-01-01', '2027-05-01', '2027-12-25'].filter((day) =>
        createHolidayCalendar(calendar.id).isHoliday(day),
      );
      assert.ok(holidays.length >= 2, `${calendar.id}: ${holidays.join(', ')}`);
    }
  });

  it('is the list the catalogue organisations are checked against, time zones agreeing', () => {
    const ids = new Set<string>(HOLIDAY_CALENDAR_IDS);
    for (const organisation of KNOWN_ORGANISATIONS) {
      assert.ok(ids.has(organisation.holidays), organisation.id);
      const calendar = HOLIDAY_CALENDARS.find((entry) => entry.id === organisation.holidays);
      assert.equal(organisation.timezone, calendar?.timeZone, organisation.id);
    }
  });

  it('is the list a programme file is checked against', () => {
    assert.ok(organisationSchema.safeParse({ ...KNOWN_ORGANISATIONS[0], holidays: 'FR' }).success);
    assert.ok(!organisationSchema.safeParse({ ...KNOWN_ORGANISATIONS[0], holidays: 'DE' }).success);
  });
});

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
