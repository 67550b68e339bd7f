import assert from 'node:assert/strict';
import { countHardViolations } from '../../../../src/core/team-formation/count-hard-violations';
import type { TeamFormationInput } from '../../../../src/core/team-formation/team-formation';

const input: TeamFormationInput = {
  people: [
    { id: 'a', organisation: 'caf', branch: 'famille' },
    { id: 'b', organisation: 'caf', branch: 'famille' },
    { id: 'c', organisation: 'cpam', branch: 'maladie' },
    { id: 'd', organisation: 'urssaf', branch: 'recouvrement' },
  ],
  teamCount: 2,
  minSize: 2,
  maxSize: 2,
  locked: [{ person: 'c', team: 1 }],
  apart: [['c', 'd']],
};

describe('countHardViolations', () => {
  it('finds none in a valid formation', () => {
    assert.equal(
      countHardViolations(input, [
        ['a', 'd'],
        ['b', 'c'],
      ]),
      0,
    );
  });

  it('counts colleagues together, a broken lock and an "apart" pair together', () => {
    // a and b are colleagues; c is locked in team 1 but sits in team 0; c and d are apart.
    assert.equal(
      countHardViolations(input, [
        ['c', 'd'],
        ['a', 'b'],
      ]),
      3,
    );
  });

  it('counts sizes out of bounds, missing and duplicated people, and a wrong team count', () => {
    // One team instead of two, of size 3, with a twice (so caf twice), b and c missing, c's lock broken.
    assert.equal(countHardViolations(input, [['a', 'd', 'a']]), 1 + 1 + 1 + 1 + 2 + 1);
  });
});
