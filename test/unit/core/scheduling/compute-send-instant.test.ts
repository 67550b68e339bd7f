import assert from 'node:assert/strict';
import { computeSendInstant } from '../../../../src/core/scheduling/compute-send-instant';
import { createHolidayCalendar } from '../../../../src/core/scheduling/holiday-calendars';

describe('computeSendInstant', () => {
  const mainland = createHolidayCalendar('FR');
  const guiana = createHolidayCalendar('FR-GF');
  const belgium = createHolidayCalendar('BE');
  const monthly = (month: string) => ({ kind: 'first-working-day-of-month' as const, month });

  it('sends the October check-in at 09:30 Paris summer time (07:30 UTC) on Thursday 1 October', () => {
    const instant = computeSendInstant({
      rule: monthly('2026-10'),
      time: '09:30',
      calendar: mainland,
    });
    assert.equal(instant.toISOString(), '2026-10-01T07:30:00.000Z');
  });

  it('sends the November check-in at 09:30 Paris winter time on Monday 2 November, after All Saints’ Day', () => {
    const instant = computeSendInstant({
      rule: monthly('2026-11'),
      time: '09:30',
      timeZone: 'Europe/Paris',
      calendar: mainland,
    });
    assert.equal(instant.toISOString(), '2026-11-02T08:30:00.000Z');
  });

  it('skips New Year’s Day (Friday 1 January 2027) to Monday 4 January', () => {
    const instant = computeSendInstant({
      rule: monthly('2027-01'),
      time: '09:30',
      calendar: mainland,
    });
    assert.equal(instant.toISOString(), '2027-01-04T08:30:00.000Z');
  });

  it('skips Christmas (Friday 25 December 2026) for the working day after Christmas Eve', () => {
    const rule = { kind: 'working-days-after' as const, day: '2026-12-24', days: 1 };
    assert.equal(
      computeSendInstant({ rule, time: '09:30', calendar: mainland }).toISOString(),
      '2026-12-28T08:30:00.000Z',
    );
  });

  it('skips 10 June in French Guiana, at 09:30 Cayenne time (12:30 UTC)', () => {
    const rule = { kind: 'working-days-after' as const, day: '2026-06-09', days: 1 };
    const inGuiana = computeSendInstant({
      rule,
      time: '09:30',
      timeZone: 'America/Cayenne',
      calendar: guiana,
    });
    const inParis = computeSendInstant({
      rule,
      time: '09:30',
      timeZone: 'Europe/Paris',
      calendar: mainland,
    });
    assert.equal(inGuiana.toISOString(), '2026-06-11T12:30:00.000Z');
    assert.equal(inParis.toISOString(), '2026-06-10T07:30:00.000Z');
  });

  it('skips Belgium’s national day (Tuesday 21 July) but not France’s 14 July', () => {
    const after = (day: string) => ({ kind: 'working-days-after' as const, day, days: 1 });
    const inBrussels = (day: string) =>
      computeSendInstant({
        rule: after(day),
        time: '09:30',
        timeZone: 'Europe/Brussels',
        calendar: belgium,
      }).toISOString();
    assert.equal(inBrussels('2026-07-20'), '2026-07-22T07:30:00.000Z');
    assert.equal(inBrussels('2026-07-13'), '2026-07-14T07:30:00.000Z');
  });

  it('keeps 09:30 local across the March DST change (08:30 UTC before, 07:30 UTC after)', () => {
    const friday = computeSendInstant({
      rule: { kind: 'working-days-after', day: '2026-03-27', days: 0 },
      time: '09:30',
      calendar: mainland,
    });
    const monday = computeSendInstant({
      rule: { kind: 'days-after', day: '2026-03-27', days: 2 },
      time: '09:30',
      calendar: mainland,
    });
    assert.equal(friday.toISOString(), '2026-03-27T08:30:00.000Z');
    assert.equal(monday.toISOString(), '2026-03-30T07:30:00.000Z');
  });

  it('keeps 09:30 local across the October DST change (07:30 UTC before, 08:30 UTC after)', () => {
    const friday = computeSendInstant({
      rule: { kind: 'working-days-after', day: '2026-10-23', days: 0 },
      time: '09:30',
      calendar: mainland,
    });
    const monday = computeSendInstant({
      rule: { kind: 'working-days-after', day: '2026-10-23', days: 1 },
      time: '09:30',
      calendar: mainland,
    });
    assert.equal(friday.toISOString(), '2026-10-23T07:30:00.000Z');
    assert.equal(monday.toISOString(), '2026-10-26T08:30:00.000Z');
  });

  it('defaults to Europe/Paris when the recipient’s zone is unknown', () => {
    const unknown = computeSendInstant({
      rule: monthly('2026-10'),
      time: '09:30',
      timeZone: null,
      calendar: mainland,
    });
    assert.equal(unknown.toISOString(), '2026-10-01T07:30:00.000Z');
  });
});
