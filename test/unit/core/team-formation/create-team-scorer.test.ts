import assert from 'node:assert/strict';
import {
  createTeamScorer,
  SCORE_WEIGHTS,
} from '../../../../src/core/team-formation/create-team-scorer';
import { indexInstance } from '../../../../src/core/team-formation/index-instance';
import type {
  TeamFormationInput,
  TeamFormationPerson,
} from '../../../../src/core/team-formation/team-formation';

function scorerFor(people: TeamFormationPerson[], extra: Partial<TeamFormationInput> = {}) {
  const instance = indexInstance({ people, teamCount: 2, minSize: 1, maxSize: 4, ...extra });
  return createTeamScorer(instance);
}

const p = (id: string, branch: string, more: Partial<TeamFormationPerson> = {}) => ({
  id,
  organisation: id,
  branch,
  ...more,
});

describe('createTeamScorer', () => {
  it('gives 100 to a team that covers every branch in the proportions of all participants', () => {
    const scorer = scorerFor([
      p('a', 'famille'),
      p('b', 'maladie'),
      p('c', 'famille'),
      p('d', 'maladie'),
    ]);
    assert.equal(scorer.score([0, 1], -1, -1), 100);
  });

  it('halves branch coverage when a pair shares a branch, and says so', () => {
    const scorer = scorerFor([
      p('a', 'famille'),
      p('b', 'maladie'),
      p('c', 'famille'),
      p('d', 'maladie'),
    ]);
    const details = scorer.details([0, 2]);
    assert.deepEqual(details.branches, [0]);
    assert.equal(details.branchesPossible, 2);
    // Coverage 1/2; the mix is as far from 50/50 as a team can be, so balance is 0.
    const expected =
      (100 * SCORE_WEIGHTS.branchCoverage * 0.5) /
      (SCORE_WEIGHTS.branchCoverage + SCORE_WEIGHTS.branchBalance);
    assert.ok(Math.abs(details.score - expected) < 1e-9);
  });

  it('counts a first-choice theme fully and a third choice for one third', () => {
    const scorer = scorerFor([
      p('a', 'x', { themes: ['data', 'rh'] }),
      p('b', 'x', { themes: ['rh', 'data', 'accueil'] }),
      p('c', 'x', { themes: ['accueil', 'rh', 'data'] }),
    ]);
    const details = scorer.details([0, 1, 2]);
    // rh: 2/3 + 1 + 2/3 beats data: 1 + 2/3 + 1/3.
    assert.equal(details.themes?.theme, 1);
    assert.deepEqual(
      { ...details.themes, theme: undefined },
      {
        theme: undefined,
        wishers: 3,
        fans: 3,
        firstChoice: 1,
      },
    );
  });

  it('leaves out objectives nobody gave data for', () => {
    const withRoles = scorerFor([
      p('a', 'x', { role: 'agent' }),
      p('b', 'y', { role: 'agent' }),
      p('c', 'x', { role: 'manager' }),
      p('d', 'y', { role: 'manager' }),
    ]);
    const without = scorerFor([p('a', 'x'), p('b', 'y'), p('c', 'x'), p('d', 'y')]);
    assert.equal(without.score([0, 1], -1, -1), 100);
    assert.ok(withRoles.score([0, 1], -1, -1) < 100);
    assert.equal(without.details([0, 1]).roles, undefined);
  });

  it('flags people alone in their team on the no-isolation attribute', () => {
    const people = [
      p('a', 'x', { attributes: { genre: 'F' } }),
      p('b', 'y', { attributes: { genre: 'H' } }),
      p('c', 'z', { attributes: { genre: 'H' } }),
    ];
    const scorer = scorerFor(people, { noIsolation: 'genre' });
    assert.deepEqual(scorer.details([0, 1, 2]).isolated, [0]);
    assert.deepEqual(scorer.details([1, 2]).isolated, []);
  });

  it('scores a changed team without changing anything', () => {
    const scorer = scorerFor([
      p('a', 'famille'),
      p('b', 'maladie'),
      p('c', 'famille'),
      p('d', 'maladie'),
    ]);
    assert.equal(scorer.score([0, 2], 2, 1), scorer.score([0, 1], -1, -1));
    assert.equal(scorer.score([0, 2], -1, -1), scorer.details([0, 2]).score);
  });
});
