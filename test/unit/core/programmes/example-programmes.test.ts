import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { KNOWN_ORGANISATIONS } from '../../../../src/catalogue/known-organisations';
import { validateProgramme } from '../../../../src/core/programmes/validate-programme';

const EXAMPLES = join(__dirname, '../../../../examples');

function load(file: string) {
  const result = validateProgramme(
    parse(readFileSync(join(EXAMPLES, file), 'utf8')),
    KNOWN_ORGANISATIONS,
  );
  assert.ok(result.ok, `${file}: ${JSON.stringify(result.ok ? [] : result.issues)}`);
  return result.programme;
}

describe('example programme files', () => {
  const files = readdirSync(EXAMPLES).filter((file) => file.endsWith('.yml'));

  it('are all valid, with every milestone on a weekday', () => {
    assert.ok(files.length >= 3, files.join(', '));
    for (const file of files) {
      const programme = load(file);
      for (const [name, day] of Object.entries(programme.milestones)) {
        const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
        assert.ok(weekday !== 0 && weekday !== 6, `${file}: ${name} ${day} is a weekend day`);
      }
    }
  });

  it('describes the 2023 edition: team mode, the six organisations of the seed, six teams', () => {
    const programme = load('defi-du-lab-2023.yml');
    assert.equal(programme.intakeMode, 'team');
    assert.equal(programme.teamIntake?.teamsPerOrganisation, 1);
    assert.deepEqual(programme.organisations.map((organisation) => organisation.id).sort(), [
      'caf-deux-sevres',
      'carsat-normandie',
      'cnaf',
      'cpam-isere',
      'onem',
      'urssaf-npdc',
    ]);
    // Seats count people: six teams of at least the minimum size fit, and so does each
    // organisation's one team.
    const minTeamSize = programme.teamIntake?.minTeamSize ?? 0;
    assert.ok(programme.seats >= 6 * minTeamSize, `${programme.seats} seats`);
    assert.ok(programme.maxPerOrganisation >= minTeamSize, `${programme.maxPerOrganisation}`);
    // Two facilitators per team, never from the team's own organisation: at least three.
    assert.ok((programme.facilitators ?? []).length >= 3);
    assert.equal(programme.milestones.hackathonStart, '2023-06-26');
    assert.equal(programme.milestones.hackathonEnd, '2023-06-27');
  });
});
