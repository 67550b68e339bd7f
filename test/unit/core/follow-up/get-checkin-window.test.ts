import assert from 'node:assert/strict';
import { getCheckinWindow } from '../../../../src/core/follow-up/checkin-window';
import { DEFAULT_FOLLOW_UP } from '../../../../src/core/programmes/follow-up-settings';
import { createHolidayCalendar } from '../../../../src/core/scheduling/holiday-calendars';

const milestones = { followUpStart: '2026-09-01', end: '2027-03-31' };
const paris = { timeZone: 'Europe/Paris', calendar: createHolidayCalendar('FR') };
const cayenne = { timeZone: 'America/Cayenne', calendar: createHolidayCalendar('FR-GF') };
const settings = { ...DEFAULT_FOLLOW_UP };

describe('getCheckinWindow', () => {
  it('opens at 09:30 on the first working day, reminds on working days 3 and 5, escalates on day 6', () => {
    const window = getCheckinWindow('2026-10', milestones, settings, paris);
    assert.ok(window);
    assert.equal(window.sendDay, '2026-10-01');
    assert.equal(window.opensAt.toISOString(), '2026-10-01T07:30:00.000Z');
    assert.deepEqual(
      window.reminders.map((r) => [r.workingDay, r.day]),
      [
        [3, '2026-10-06'],
        [5, '2026-10-08'],
      ],
    );
    assert.equal(window.escalationDay, '2026-10-09');
    assert.equal(window.answerByDay, '2026-10-08');
    assert.equal(window.lateAfter.toISOString(), '2026-10-08T22:00:00.000Z');
    // The window closes when November's check-in goes out, after the switch to winter time.
    assert.equal(window.closesAt.toISOString(), '2026-11-02T08:30:00.000Z');
  });

  it('moves January to Monday the 4th because the 1st is a public holiday (a Friday)', () => {
    assert.equal(getCheckinWindow('2027-01', milestones, settings, paris)?.sendDay, '2027-01-04');
  });

  it('opens at 09:30 in Cayenne for a lead in French Guiana', () => {
    const window = getCheckinWindow('2026-10', milestones, settings, cayenne);
    assert.equal(window?.opensAt.toISOString(), '2026-10-01T12:30:00.000Z');
  });

  it('follows a configured working day and time', () => {
    const window = getCheckinWindow(
      '2026-11',
      milestones,
      { ...settings, checkInWorkingDay: 3, checkInTime: '14:00' },
      paris,
    );
    // 1 Nov is a Sunday; Monday 2 is the first working day, Wednesday 4 the third.
    assert.equal(window?.sendDay, '2026-11-04');
    assert.equal(window?.opensAt.toISOString(), '2026-11-04T13:00:00.000Z');
  });

  it('has no window for a skipped month, before the follow-up starts or after the end', () => {
    assert.equal(
      getCheckinWindow('2026-12', milestones, { ...settings, skippedMonths: ['2026-12'] }, paris),
      undefined,
    );
    assert.equal(getCheckinWindow('2026-08', milestones, settings, paris), undefined);
    assert.equal(getCheckinWindow('2027-04', milestones, settings, paris), undefined);
  });
});
