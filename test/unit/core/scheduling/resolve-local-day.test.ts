import assert from 'node:assert/strict';
import type { HolidayCalendar } from '../../../../src/core/scheduling/holiday-calendars';
import { resolveLocalDay } from '../../../../src/core/scheduling/resolve-local-day';

function calendarWith(...holidays: string[]): HolidayCalendar {
  return { id: 'FR', isHoliday: (day) => holidays.includes(day) };
}

describe('resolveLocalDay', () => {
  const none = calendarWith();

  it('gives the 1st of the month when it is a weekday', () => {
    assert.equal(
      resolveLocalDay({ kind: 'first-working-day-of-month', month: '2026-10' }, none),
      '2026-10-01',
    );
  });

  it('skips a weekend at the start of the month', () => {
    assert.equal(
      resolveLocalDay({ kind: 'first-working-day-of-month', month: '2026-08' }, none),
      '2026-08-03',
    );
  });

  it('skips a holiday and the weekend after it', () => {
    const mayDay = calendarWith('2026-05-01');
    assert.equal(
      resolveLocalDay({ kind: 'first-working-day-of-month', month: '2026-05' }, mayDay),
      '2026-05-04',
    );
  });

  it('counts working days after a Friday from the next Monday', () => {
    assert.equal(
      resolveLocalDay({ kind: 'working-days-after', day: '2026-06-26', days: 1 }, none),
      '2026-06-29',
    );
    assert.equal(
      resolveLocalDay({ kind: 'working-days-after', day: '2026-06-26', days: 5 }, none),
      '2026-07-03',
    );
  });

  it('counts one working day after a Saturday as the Monday', () => {
    assert.equal(
      resolveLocalDay({ kind: 'working-days-after', day: '2026-06-27', days: 1 }, none),
      '2026-06-29',
    );
  });

  it('keeps a working day for zero working days, and moves a weekend to the Monday', () => {
    assert.equal(
      resolveLocalDay({ kind: 'working-days-after', day: '2026-06-24', days: 0 }, none),
      '2026-06-24',
    );
    assert.equal(
      resolveLocalDay({ kind: 'working-days-after', day: '2026-06-27', days: 0 }, none),
      '2026-06-29',
    );
  });

  it('counts working days backwards for a reminder before a deadline', () => {
    // J-2 working days before Monday 29 June is Thursday 25 June.
    assert.equal(
      resolveLocalDay({ kind: 'working-days-after', day: '2026-06-29', days: -2 }, none),
      '2026-06-25',
    );
  });

  it('moves calendar days that land on a weekend forward, or backward when counting back', () => {
    assert.equal(
      resolveLocalDay({ kind: 'days-after', day: '2026-06-26', days: 1 }, none),
      '2026-06-29',
    );
    assert.equal(
      resolveLocalDay({ kind: 'days-after', day: '2026-06-29', days: -2 }, none),
      '2026-06-26',
    );
  });

  it('crosses month and year ends', () => {
    const christmas = calendarWith('2026-12-25', '2027-01-01');
    assert.equal(
      resolveLocalDay({ kind: 'working-days-after', day: '2026-12-24', days: 1 }, christmas),
      '2026-12-28',
    );
    assert.equal(
      resolveLocalDay({ kind: 'days-after', day: '2026-12-31', days: 1 }, christmas),
      '2027-01-04',
    );
  });

  it('gives up with a clear error on a calendar without working days', () => {
    const never: HolidayCalendar = { id: 'FR', isHoliday: () => true };
    assert.throws(
      () => resolveLocalDay({ kind: 'first-working-day-of-month', month: '2026-10' }, never),
      /no working day/,
    );
  });

  it('refuses malformed months, days and counts', () => {
    assert.throws(
      () => resolveLocalDay({ kind: 'first-working-day-of-month', month: '2026-1' }, none),
      RangeError,
    );
    assert.throws(
      () => resolveLocalDay({ kind: 'working-days-after', day: '26-06-2026', days: 1 }, none),
      RangeError,
    );
    assert.throws(
      () => resolveLocalDay({ kind: 'days-after', day: '2026-06-26', days: 1.5 }, none),
      RangeError,
    );
  });
});
