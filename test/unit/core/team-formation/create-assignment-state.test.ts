import assert from 'node:assert/strict';
import { createAssignmentState } from '../../../../src/core/team-formation/create-assignment-state';
import { createRandom } from '../../../../src/core/team-formation/create-random';
import { createTeamScorer } from '../../../../src/core/team-formation/create-team-scorer';
import { indexInstance } from '../../../../src/core/team-formation/index-instance';
import type { TeamFormationInput } from '../../../../src/core/team-formation/team-formation';

function randomInput(seed: number, regions: number): TeamFormationInput {
  const random = createRandom(seed);
  const branches = ['famille', 'maladie', 'retraite', 'recouvrement'];
  const themes = ['accueil', 'donnees', 'inclusion', 'prevention', 'rh'];
  const people = Array.from({ length: 40 }, (_, i) => ({
    id: `p${i}`,
    organisation: `o${i % 10}`,
    branch: branches[random.below(branches.length)]!,
    role: random.next() < 0.8 ? ['agent', 'manager'][random.below(2)] : undefined,
    region: `r${random.below(regions)}`,
    themes: themes.filter(() => random.next() < 0.5).slice(0, 3),
    attributes: { genre: random.next() < 0.5 ? 'F' : 'H' },
  }));
  return { people, teamCount: 8, minSize: 4, maxSize: 6, noIsolation: 'genre' };
}

// Deals person p to team p mod 8, which never puts two of the ten organisations together.
function dealt(input: TeamFormationInput) {
  const instance = indexInstance(input);
  const scorer = createTeamScorer(instance);
  const state = createAssignmentState(instance, scorer);
  for (let p = 0; p < instance.people; p++) state.place(p, p % 8);
  state.rescore();
  return { instance, scorer, state };
}

describe('createAssignmentState', () => {
  // 5 regions keeps per-team tallies on; 400 regions turns them off (too many cells).
  for (const regions of [5, 400]) {
    it(`scores swaps and moves exactly as the shared scorer does (${regions} regions)`, () => {
      const { scorer, state } = dealt(randomInput(regions, regions));
      const random = createRandom(1);
      for (let i = 0; i < 500; i++) {
        const p = random.below(40);
        const q = random.below(40);
        const a = state.teamOf[p]!;
        const b = state.teamOf[q]!;
        if (a === b) continue;
        state.evaluateSwap(p, q);
        assert.ok(Math.abs(state.candidate[0]! - scorer.score(state.members[a]!, p, q)) < 1e-9);
        assert.ok(Math.abs(state.candidate[1]! - scorer.score(state.members[b]!, q, p)) < 1e-9);
        state.evaluateMove(p, b);
        assert.ok(Math.abs(state.candidate[0]! - scorer.score(state.members[a]!, p, -1)) < 1e-9);
        assert.ok(Math.abs(state.candidate[1]! - scorer.score(state.members[b]!, -1, p)) < 1e-9);
        if (state.canSwap(p, q)) {
          state.evaluateSwap(p, q);
          state.applySwap(p, q, state.candidate[0]!, state.candidate[1]!);
          const before = state.sum;
          state.rescore();
          assert.ok(Math.abs(state.sum - before) < 1e-6);
        }
      }
    });
  }

  it('refuses a swap that would put two colleagues together', () => {
    const { state } = dealt(randomInput(1, 5));
    // p0 (o0) is in team 0; team 2 holds p2 and p10, who is from o0 too.
    assert.equal(state.canSwap(0, 2), false);
    assert.equal(state.canSwap(0, 1), true);
  });

  it('refuses to move a locked person, or an "apart" partner into the team of the other', () => {
    const input = randomInput(1, 5);
    const { state } = dealt({
      ...input,
      locked: [{ person: 'p3', team: 3 }],
      apart: [['p0', 'p1']],
    });
    assert.equal(state.canSwap(3, 4), false);
    assert.equal(state.isCompatible(0, 1, -1), false);
    assert.equal(state.isCompatible(0, 1, 1), true);
  });

  it('finds the worst team and the worst of the others', () => {
    const { state } = dealt(randomInput(2, 5));
    const scores = Array.from(state.scores);
    assert.equal(state.worst(), Math.min(...scores));
    assert.equal(scores[state.worstTeam()], state.worst());
    for (let a = 0; a < 8; a++) {
      for (let b = 0; b < 8; b++) {
        if (a === b) continue;
        const others = scores.filter((_, t) => t !== a && t !== b);
        assert.equal(state.worstExcept(a, b), Math.min(...others));
      }
    }
  });
});
