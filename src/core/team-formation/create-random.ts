/** A seeded source of random numbers: the same seed always gives the same sequence. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n); n must be at least 1. */
  below(n: number): number;
}

/**
 * Mulberry32, a 32-bit generator small enough to read and good enough for search moves.
 * Any safe integer seed works: the high and low 32 bits are mixed so 1 and 2^32 + 1 differ.
 */
export function createRandom(seed: number): Random {
  const high = Math.floor(seed / 0x1_0000_0000) >>> 0;
  // The golden-ratio constant spreads nearby seeds (1, 2, 3…) far apart in the state space.
  let state = (seed >>> 0) ^ Math.imul(high, 0x9e3779b1) ^ 0x6d2b79f5;
  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  };
  return { next, below: (n) => Math.floor(next() * n) };
}
