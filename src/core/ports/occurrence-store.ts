/** Outcome of trying to claim an occurrence. */
export type ClaimResult = 'claimed' | 'done' | 'held';

/**
 * The record of scheduled occurrences, shared by every instance. A claim is a lease: if the
 * instance that claimed dies before marking it done, another claims it once the lease expires,
 * and re-runs it (its messages carry idempotency keys, so re-running queues nothing twice).
 */
export interface OccurrenceStore {
  /**
   * Claims the occurrence for `owner` until `leaseUntil`: 'claimed' when this caller must run it,
   * 'done' when it already ran, 'held' when another owner holds a live lease.
   */
  claim(key: string, owner: string, now: Date, leaseUntil: Date): Promise<ClaimResult>;
  /** Records that the occurrence ran to the end. */
  markDone(key: string, owner: string, at: Date): Promise<void>;
  /** Releases a claim after a failure so the next tick retries it. */
  release(key: string, owner: string, error: string): Promise<void>;
  /** Keys recorded as done among those given (to skip work early). */
  listDone(keys: readonly string[]): Promise<Set<string>>;
}
