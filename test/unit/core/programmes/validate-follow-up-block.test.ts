import assert from 'node:assert/strict';
import { DEFAULT_FOLLOW_UP } from '../../../../src/core/programmes/follow-up-settings';
import { validateFollowUpBlock } from '../../../../src/core/programmes/validate-follow-up-block';
import type { ValidationIssue } from '../../../../src/core/validation/validation-issue';

function validate(input: unknown) {
  const issues: ValidationIssue[] = [];
  const settings = validateFollowUpBlock(input, issues);
  return { settings, issues: issues.map((i) => [i.path.join('.'), i.code, i.params]) };
}

describe('validateFollowUpBlock', () => {
  it('fills every default from an empty block: first working day at 09:30, reminders on days 3 and 5', () => {
    const { settings, issues } = validate({});
    assert.deepEqual(issues, []);
    assert.deepEqual(settings, { ...DEFAULT_FOLLOW_UP });
  });

  it('returns nothing and reports nothing when the block is absent', () => {
    assert.deepEqual(validate(undefined), { settings: undefined, issues: [] });
  });

  it('keeps a configured day, time, skipped months and indicators', () => {
    const { settings } = validate({
      checkIn: { workingDay: 2, time: '14:00' },
      reminderDays: [2, 4],
      escalationDay: 7,
      skippedMonths: ['2027-08', '2027-07'],
      membersMayAnswer: true,
      indicators: [{ id: 'agents', label: 'Agents', unit: 'agents' }],
    });
    assert.equal(settings?.checkInWorkingDay, 2);
    assert.equal(settings?.checkInTime, '14:00');
    assert.deepEqual(settings?.reminderWorkingDays, [2, 4]);
    assert.equal(settings?.escalationWorkingDay, 7);
    assert.deepEqual(settings?.skippedMonths, ['2027-07', '2027-08']);
    assert.equal(settings?.membersMayAnswer, true);
    assert.deepEqual(settings?.indicators, [
      { id: 'agents', label: 'Agents', type: 'number', unit: 'agents' },
    ]);
  });

  it('refuses a time that is not HH:MM and a month that is not YYYY-MM, with paths from the file root', () => {
    const { settings, issues } = validate({
      checkIn: { time: '9h30' },
      skippedMonths: ['2027-13'],
    });
    assert.equal(settings, undefined);
    assert.deepEqual(issues, [
      ['followUp.checkIn.time', 'time', { value: '9h30' }],
      ['followUp.skippedMonths.0', 'month', { value: '2027-13' }],
    ]);
  });

  it('refuses reminders out of order and an escalation before the last reminder', () => {
    const { issues } = validate({ reminderDays: [5, 3], escalationDay: 4 });
    assert.deepEqual(issues, [
      ['followUp.reminderDays.1', 'ascending', { previous: 5 }],
      ['followUp.escalationDay', 'min', { min: 6 }],
    ]);
  });

  it('refuses a reminder so late it would run into the next month', () => {
    const { issues } = validate({ reminderDays: [3, 16], escalationDay: 17 });
    assert.deepEqual(
      issues.map(([path, code]) => [path, code]),
      [
        ['followUp.reminderDays.1', 'max'],
        ['followUp.escalationDay', 'max'],
      ],
    );
  });

  it('refuses the same indicator twice and an unknown field', () => {
    const { issues } = validate({
      indicators: [
        { id: 'agents', label: 'A' },
        { id: 'agents', label: 'B' },
      ],
      reminder: [3],
    });
    assert.deepEqual(
      issues.map(([path, code]) => [path, code]),
      [['followUp', 'unknownField']],
    );
    assert.deepEqual(
      validate({
        indicators: [
          { id: 'agents', label: 'A' },
          { id: 'agents', label: 'B' },
        ],
      }).issues,
      [['followUp.indicators.1.id', 'duplicate', { id: 'agents' }]],
    );
  });
});
