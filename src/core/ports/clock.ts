/** The only way the core learns the time, so tests can drive it with a fake clock. */
export interface Clock {
  now(): Date;
}

/** The real clock, for the composition root. */
export const systemClock: Clock = { now: () => new Date() };
