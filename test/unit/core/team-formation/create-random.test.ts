import assert from 'node:assert/strict';
import { createRandom } from '../../../../src/core/team-formation/create-random';

describe('createRandom', () => {
  it('gives the same sequence for the same seed', () => {
    const a = createRandom(7);
    const b = createRandom(7);
    for (let i = 0; i < 100; i++) assert.equal(a.next(), b.next());
  });

  it('gives different sequences for nearby seeds and for seeds 2^32 apart', () => {
    const first = (seed: number) => createRandom(seed).next();
    assert.notEqual(first(1), first(2));
    assert.notEqual(first(1), first(2 ** 32 + 1));
  });

  it('stays in [0, 1) and spreads below(n) over every value', () => {
    const random = createRandom(3);
    const seen = new Array<number>(6).fill(0);
    for (let i = 0; i < 6_000; i++) {
      const x = random.next();
      assert.ok(x >= 0 && x < 1);
      seen[random.below(6)]!++;
    }
    for (const count of seen) assert.ok(count > 800 && count < 1_200);
  });
});
