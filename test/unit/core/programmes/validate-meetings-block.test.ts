import assert from 'node:assert/strict';
import { readProgrammeYaml } from '../../../../src/adapters/files/read-programme-yaml';
import { KNOWN_ORGANISATIONS } from '../../../../src/catalogue/known-organisations';
import { validateMeetingsBlock } from '../../../../src/core/programmes/validate-meetings-block';
import type { ValidationIssue } from '../../../../src/core/validation/validation-issue';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

function validate(input: unknown) {
  const issues: ValidationIssue[] = [];
  const settings = validateMeetingsBlock(input, issues);
  return { settings, issues: issues.map((i) => [i.path.join('.'), i.code]) };
}

describe('validateMeetingsBlock', () => {
  it('holds every kind of meeting with its defaults from an empty block, in Paris', () => {
    const { settings, issues } = validate(null);
    assert.deepEqual(issues, []);
    assert.equal(settings?.timeZone, 'Europe/Paris');
    assert.equal(settings?.holidays, 'FR');
    assert.deepEqual(settings?.kickOff, { time: '10:00', durationMinutes: 120 });
    assert.deepEqual(settings?.monthlyExchange, {
      time: '14:00',
      durationMinutes: 60,
      daysAfterCheckIn: 7,
      teamTimes: {},
    });
  });

  it('leaves out a kind set to false and keeps a team’s own time', () => {
    const { settings } = validate({
      timezone: 'America/Cayenne',
      holidays: 'FR-GF',
      facilitatorsBriefing: false,
      monthlyExchange: { teamTimes: { 'team-3': '09:00' } },
    });
    assert.equal(settings?.facilitatorsBriefing, undefined);
    assert.equal(settings?.monthlyExchange?.teamTimes['team-3'], '09:00');
    assert.equal(settings?.timeZone, 'America/Cayenne');
  });

  it('refuses a wrong time, zone, length, unknown field or team id, with paths from the file root', () => {
    const { settings, issues } = validate({
      timezone: 'Mars/Olympus',
      kickOff: { time: '25:00', durationMinutes: 5 },
      reviews: {},
      monthlyExchange: { teamTimes: { 'Team 3': '09:00' } },
    });
    assert.equal(settings, undefined);
    assert.deepEqual(issues, [
      ['meetings.timezone', 'timezone'],
      ['meetings.kickOff.time', 'time'],
      ['meetings.kickOff.durationMinutes', 'min'],
      ['meetings', 'unknownField'],
    ]);
    assert.deepEqual(validate({ monthlyExchange: { teamTimes: { 'Team 3': '09:00' } } }).issues, [
      ['meetings.monthlyExchange.teamTimes.Team 3', 'identifier'],
    ]);
  });

  it('reports a wrong meetings field of a programme file with its line', () => {
    const text = readFileSync(
      join(__dirname, '../../../../examples/defi-du-lab-2026.yml'),
      'utf8',
    ).replace("kickOff: { time: '10:00', durationMinutes: 120 }", "kickOff: { time: '10h' }");
    assert.equal(
      readProgrammeYaml(
        readFileSync(join(__dirname, '../../../../examples/defi-du-lab-2026.yml'), 'utf8'),
        KNOWN_ORGANISATIONS,
      ).ok,
      true,
      'the example is valid',
    );
    const result = readProgrammeYaml(text, KNOWN_ORGANISATIONS);
    assert.equal(result.ok, false);
    if (result.ok) return;
    const issue = result.issues.find((i) => i.path.join('.') === 'meetings.kickOff.time');
    assert.ok(issue, 'the issue names the field');
    assert.equal(issue.line, text.split('\n').findIndex((line) => line.includes("'10h'")) + 1);
  });
});
