import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { KNOWN_ORGANISATIONS } from '../../../../src/catalogue/known-organisations';
import { validateProgramme } from '../../../../src/core/programmes/validate-programme';
import { readProgrammeYaml } from '../../../../src/adapters/files/read-programme-yaml';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests mutate the parsed file freely
type Editable = Record<string, any>;

const example = (): Editable =>
  parse(
    readFileSync(join(__dirname, '../../../../examples/defi-du-lab-2022.yml'), 'utf8'),
  ) as Editable;

function issuesOf(
  input: unknown,
): { path: string; code: string; params: Record<string, unknown> }[] {
  const result = validateProgramme(input, KNOWN_ORGANISATIONS);
  assert.equal(result.ok, false, 'expected the programme to be refused');
  return result.ok ? [] : result.issues.map((i) => ({ ...i, path: i.path.join('.') }));
}

describe('validateProgramme', () => {
  it('accepts the 2022 edition: 10 organisations from the catalogue and 39 seats', () => {
    const result = validateProgramme(example(), KNOWN_ORGANISATIONS);
    assert.ok(result.ok);
    assert.equal(result.programme.organisations.length, 10);
    assert.equal(result.programme.seats, 39);
    assert.equal(result.programme.intakeMode, 'individual');
    assert.equal(
      result.programme.organisations.find((o) => o.id === 'caf-guyane')?.timezone,
      'America/Cayenne',
    );
    assert.equal(result.programme.confirmationDays, 7);
  });

  it('refuses milestones out of order and names the one that is early', () => {
    const input = example();
    input.milestones.kickOff = '2022-04-13';
    const issues = issuesOf(input);
    assert.deepEqual(issues, [
      {
        path: 'milestones.kickOff',
        code: 'dateOrder',
        params: { previous: 'selectionCommittee', previousDate: '2022-04-22' },
      },
    ]);
  });

  it('refuses a day that does not exist', () => {
    const input = example();
    input.milestones.end = '2023-02-30';
    assert.deepEqual(
      issuesOf(input).map((i) => [i.path, i.code]),
      [['milestones.end', 'date']],
    );
  });

  it('refuses an unknown organisation and a duplicate one', () => {
    const input = example();
    input.organisations.push('cpam-inconnue', 'cnav');
    assert.deepEqual(
      issuesOf(input).map((i) => [i.path, i.code, i.params.id]),
      [
        ['organisations.10', 'unknownOrganisation', 'cpam-inconnue'],
        ['organisations.11', 'duplicate', 'cnav'],
      ],
    );
  });

  it('refuses capacity below zero and a per-organisation maximum above the seats', () => {
    const input = example();
    input.capacity = { seats: -1, maxPerOrganisation: 5 };
    assert.deepEqual(
      issuesOf(input).map((i) => [i.path, i.code]),
      [['capacity.seats', 'min']],
    );
    input.capacity = { seats: 4, maxPerOrganisation: 5 };
    assert.deepEqual(
      issuesOf(input).map((i) => [i.path, i.code]),
      [['capacity.maxPerOrganisation', 'max']],
    );
  });

  it('refuses a committee member from an organisation outside the programme', () => {
    const input = example();
    input.committee[0].organisation = 'onem';
    assert.deepEqual(
      issuesOf(input).map((i) => [i.path, i.code]),
      [['committee.0.organisation', 'unknownOrganisation']],
    );
  });

  it('reports every error of the file at once, schema and cross-field alike', () => {
    const input = example();
    delete input.name;
    input.capacity.seats = 'beaucoup';
    input.organisations.push('inconnue');
    input.milestones.hackathonEnd = '2022-06-01';
    const codes = issuesOf(input)
      .map((i) => `${i.path}:${i.code}`)
      .sort();
    assert.deepEqual(codes, [
      'capacity.seats:expectedNumber',
      'milestones.hackathonEnd:dateOrder',
      'name:required',
      'organisations.10:unknownOrganisation',
    ]);
  });

  it('refuses unknown fields, so a typo is not silently ignored', () => {
    const input = example();
    input.capacty = { seats: 3 };
    assert.deepEqual(
      issuesOf(input).map((i) => i.code),
      ['unknownField'],
    );
  });

  it('keeps retention durations the file overrides, within bounds', () => {
    const input = example();
    input.retention = { unselectedMonthsAfterCommittee: 3 };
    const result = validateProgramme(input, KNOWN_ORGANISATIONS);
    assert.ok(result.ok);
    assert.deepEqual(result.programme.retention, { unselectedMonthsAfterCommittee: 3 });
    input.retention = { participantMonthsAfterEnd: 600, forever: true };
    assert.deepEqual(
      issuesOf(input).map((i) => [i.path, i.code]),
      [
        ['retention.participantMonthsAfterEnd', 'max'],
        ['retention', 'unknownField'],
      ],
    );
  });

  it('keeps team-mode rules, with six members by default', () => {
    const input = example();
    input.intake = { mode: 'team' };
    const result = validateProgramme(input, KNOWN_ORGANISATIONS);
    assert.ok(result.ok);
    assert.deepEqual(result.programme.teamIntake, { minTeamSize: 6, teamsPerOrganisation: 1 });
  });

  it('accepts an organisation described in full, and checks its time zone', () => {
    const input = example();
    input.organisations.push({
      id: 'onem-liege',
      name: 'Onem Liège',
      branch: 'partenaire',
      region: 'Wallonie',
      timezone: 'Europe/Brussels',
      holidays: 'BE',
    });
    assert.ok(validateProgramme(input, KNOWN_ORGANISATIONS).ok);
    input.organisations[10].timezone = 'Europe/Liege';
    assert.deepEqual(
      issuesOf(input).map((i) => [i.path, i.code]),
      [['organisations.10.timezone', 'timezone']],
    );
  });

  it('takes a private or shared channel type, and refuses another with its line in the file', () => {
    const input = example();
    input.teamsChannelType = 'private';
    const result = validateProgramme(input, KNOWN_ORGANISATIONS);
    assert.ok(result.ok);
    assert.equal(result.programme.teamsChannelType, 'private');
    const plain = validateProgramme(example(), KNOWN_ORGANISATIONS);
    assert.ok(plain.ok);
    assert.equal(plain.programme.teamsChannelType, undefined, 'standard channels by default');

    const text = readFileSync(
      join(__dirname, '../../../../examples/defi-du-lab-2022.yml'),
      'utf8',
    ).replace(/^name: /m, 'teamsChannelType: secret\nname: ');
    const read = readProgrammeYaml(text, KNOWN_ORGANISATIONS);
    assert.equal(read.ok, false);
    if (read.ok) return;
    const issue = read.issues.find((i) => i.path.join('.') === 'teamsChannelType');
    assert.ok(issue, 'the issue names the field');
    assert.equal(issue.code, 'choice');
    assert.equal(issue.params.allowed, 'standard, private, shared');
    assert.equal(issue.line, text.split('\n').indexOf('teamsChannelType: secret') + 1);
  });
});
