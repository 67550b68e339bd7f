import assert from 'node:assert/strict';
import { assignFacilitators } from '../../../../src/core/team-formation/assign-facilitators';

const teamsOf = (...lists: string[][]) => lists.map((list) => new Set(list));

describe('assignFacilitators', () => {
  it('gives every team two different facilitators', () => {
    const { teams } = assignFacilitators(teamsOf(['caf'], ['cpam'], ['urssaf']), [
      { id: 'f0', organisation: 'cnaf' },
      { id: 'f1', organisation: 'cnaf' },
      { id: 'f2', organisation: 'cnav' },
    ]);
    for (const team of teams) {
      assert.equal(team.length, 2);
      assert.notEqual(team[0], team[1]);
    }
  });

  it('balances load: 6 seats for 4 facilitators gives 1 or 2 teams each', () => {
    const { load } = assignFacilitators(teamsOf(['a'], ['b'], ['c']), [
      { id: 'f0', organisation: 'x' },
      { id: 'f1', organisation: 'x' },
      { id: 'f2', organisation: 'y' },
      { id: 'f3', organisation: 'z' },
    ]);
    assert.deepEqual([...load].sort(), [1, 1, 2, 2]);
  });

  it('keeps facilitators away from teams that have a colleague of theirs when it can', () => {
    const { teams, conflicts } = assignFacilitators(
      teamsOf(['caf', 'cpam'], ['urssaf', 'carsat']),
      [
        { id: 'f-caf', organisation: 'caf' },
        { id: 'f-urssaf', organisation: 'urssaf' },
        { id: 'f-cpam', organisation: 'cpam' },
        { id: 'f-carsat', organisation: 'carsat' },
      ],
    );
    assert.deepEqual(teams, [
      [1, 3],
      [0, 2],
    ]);
    assert.deepEqual(conflicts, [[], []]);
  });

  it('reports the clash it could not avoid', () => {
    const { conflicts } = assignFacilitators(teamsOf(['caf']), [
      { id: 'f-caf', organisation: 'caf' },
      { id: 'f-lab', organisation: 'cnaf' },
    ]);
    assert.deepEqual(conflicts, [[0]]);
  });

  it('keeps to the load cap even when that forces clashes', () => {
    // Two teams, four seats, two facilitators: each must follow both teams whatever clashes.
    const { teams, load } = assignFacilitators(teamsOf(['caf'], ['cpam']), [
      { id: 'f-caf', organisation: 'caf' },
      { id: 'f-cpam', organisation: 'cpam' },
    ]);
    assert.deepEqual(teams, [
      [0, 1],
      [0, 1],
    ]);
    assert.deepEqual(load, [2, 2]);
  });
});
