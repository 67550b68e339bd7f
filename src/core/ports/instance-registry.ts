/** What freeing dead instances' leases did: rows made claimable again, instances forgotten. */
export interface ReclaimedLeases {
  /** Pending outbox messages whose lease was freed. */
  outbox: number;
  /** Running scheduled occurrences whose lease was ended. */
  occurrences: number;
  /** Instances removed from the registry. */
  instances: number;
}

/**
 * The running bot processes, shared by every instance through the database. Each one records a
 * heartbeat every few seconds and removes itself on a graceful shutdown; an instance whose last
 * heartbeat is too old is dead, and the leases it held (outbox messages, scheduled occurrences)
 * can be taken at once rather than when they run out. The lease owner of a row is the instance id.
 */
export interface InstanceRegistry {
  /** Records that `id` is alive at `now`, registering it if it is not (or no longer) known. */
  beat(id: string, now: Date): Promise<void>;
  /** Removes the instance: it stopped and released what it held. */
  remove(id: string): Promise<void>;
  /** Instances whose last heartbeat is at or after `since`. */
  listLive(since: Date): Promise<string[]>;
  /**
   * Frees every lease held by an instance whose last heartbeat is before `since` and forgets
   * those instances. Leases of owners the registry never knew are left to run out.
   */
  reclaimStale(since: Date): Promise<ReclaimedLeases>;
  /**
   * Frees every lease not held by `survivor` and forgets every other instance: for a database
   * only one process can use (SQLite), where whatever a starting process finds held is a dead
   * process's.
   */
  reclaimAll(survivor: string): Promise<ReclaimedLeases>;
}

/**
 * Tenant pauses after a 429, shared by every instance: Teams' tenant limit counts all of them,
 * so when Teams says "later" to one, it says it to all.
 */
export interface TenantPauseStore {
  /** Pauses the tenant until `until`; never shortens a longer pause already recorded. */
  pause(tenantId: string, until: Date): Promise<void>;
  /** Pauses still running at `now`. */
  listActive(now: Date): Promise<Array<{ tenantId: string; until: Date }>>;
}
