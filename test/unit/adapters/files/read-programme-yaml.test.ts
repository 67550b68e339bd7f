import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readProgrammeYaml } from '../../../../src/adapters/files/read-programme-yaml';
import { KNOWN_ORGANISATIONS } from '../../../../src/catalogue/known-organisations';

const EXAMPLE_2026 = join(__dirname, '../../../../examples/defi-du-lab-2026.yml');
const text = (): string => readFileSync(EXAMPLE_2026, 'utf8');

function lineOf(source: string, fragment: string, after = 0): number {
  const lines = source.split('\n');
  const index = lines.findIndex((line, i) => i >= after && line.includes(fragment));
  assert.notEqual(index, -1, `no line with ${fragment}`);
  return index + 1;
}

describe('readProgrammeYaml with follow-up rules and formed teams', () => {
  it('reads the 2026 example: four teams, a lead in French Guiana, two indicators', () => {
    const result = readProgrammeYaml(text(), KNOWN_ORGANISATIONS);
    assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
    assert.equal(result.teams?.length, 4);
    const guyane = result.teams?.find((team) => team.id === 'team-1');
    const lead = guyane?.members.find((m) => m.aadId === guyane.leadAadId);
    assert.equal(lead?.organisationId, 'caf-guyane');
    assert.equal(
      result.programme.organisations.find((o) => o.id === 'caf-guyane')?.timezone,
      'America/Cayenne',
    );
    assert.equal(result.programme.followUp?.checkInTime, '09:30');
    assert.deepEqual(
      result.programme.followUp?.indicators.map((i) => i.id),
      ['agents-touches', 'prochaine-etape'],
    );
  });

  it('points a bad check-in time at its line', () => {
    const source = text().replace("time: '09:30'", "time: '9h30'");
    const result = readProgrammeYaml(source, KNOWN_ORGANISATIONS);
    assert.ok(!result.ok);
    assert.deepEqual(
      result.issues.map((i) => [i.path.join('.'), i.code, i.line]),
      [['followUp.checkIn.time', 'time', lineOf(source, "time: '9h30'")]],
    );
  });

  it('points a lead outside the team and an unknown member organisation at their lines', () => {
    const source = text()
      .replace(
        'lead: 7b4d9f7c-8e0a-4cd6-8f1b-2d7e5a3c0f86',
        'lead: 1c9e4a27-3f5b-4d81-9a6c-7e2f0b8d5a31',
      )
      .replace('organisation: cti-strasbourg-toulouse', 'organisation: cpam-isere');
    const result = readProgrammeYaml(source, KNOWN_ORGANISATIONS);
    assert.ok(!result.ok);
    const team3 = lineOf(source, 'id: team-3');
    assert.deepEqual(
      result.issues.map((i) => [i.path.join('.'), i.code, i.line]),
      [
        ['teams.2.lead', 'leadNotMember', lineOf(source, 'lead: 1c9e4a27', team3)],
        [
          'teams.2.members.1.organisation',
          'unknownOrganisation',
          lineOf(source, 'organisation: cpam-isere'),
        ],
      ],
    );
  });
});
