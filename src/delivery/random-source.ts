/** A source of numbers in [0, 1); injected so that jitter is reproducible in tests (Math.random in production). */
export type RandomSource = () => number;
