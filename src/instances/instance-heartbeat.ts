import type { Clock } from '../core/ports/clock';
import type { InstanceRegistry, ReclaimedLeases } from '../core/ports/instance-registry';

/** Every instance records a heartbeat this often. */
export const HEARTBEAT_INTERVAL_MS = 5_000;

/**
 * An instance that missed this many heartbeats is dead: its leases are freed at once. Three
 * rides out a slow database or a long garbage collection without taking a live instance's rows.
 */
export const STALE_AFTER_HEARTBEATS = 3;

/** What the heartbeat needs; the interval and the clock are injectable for tests. */
export interface InstanceHeartbeatOptions {
  registry: InstanceRegistry;
  /** This process's id, also the lease owner of what it claims. */
  id: string;
  clock: Clock;
  intervalMs?: number;
  /**
   * Only one process can use the database (SQLite): everything found held at start belongs to a
   * dead process and is freed then.
   */
  exclusive: boolean;
  /** After each heartbeat: how many instances are alive, this one included. */
  onLiveInstances?: (count: number) => void;
  /** When leases of dead instances were freed. */
  onReclaimed?: (reclaimed: ReclaimedLeases) => void;
  /** A heartbeat failed (the database is down); the next one tries again. */
  onError?: (error: unknown) => void;
}

/** What one heartbeat saw. */
export interface HeartbeatReport {
  live: number;
  reclaimed: ReclaimedLeases;
}

/**
 * Keeps this instance registered: a heartbeat every few seconds, which also frees the leases of
 * instances that stopped beating (and, on an exclusive database, every lease at start), and
 * reports how many instances share the work. stop() removes the instance.
 */
export class InstanceHeartbeat {
  private timer: NodeJS.Timeout | undefined;
  private beating: Promise<HeartbeatReport | undefined> | undefined;
  private started = false;

  constructor(private readonly options: InstanceHeartbeatOptions) {}

  private get intervalMs(): number {
    return this.options.intervalMs ?? HEARTBEAT_INTERVAL_MS;
  }

  /** Registers the instance (frees what dead ones held) before returning, then beats on a timer. */
  async start(): Promise<HeartbeatReport> {
    const { registry, id, clock, exclusive } = this.options;
    const now = clock.now();
    await registry.beat(id, now);
    const reclaimed = exclusive
      ? await registry.reclaimAll(id)
      : await registry.reclaimStale(this.staleBefore(now));
    const report = await this.report(now, reclaimed);
    this.started = true;
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
    return report;
  }

  /** One heartbeat: record, free dead instances' leases, count the living. */
  async beat(): Promise<HeartbeatReport> {
    const { registry, id, clock } = this.options;
    const now = clock.now();
    await registry.beat(id, now);
    const reclaimed = await registry.reclaimStale(this.staleBefore(now));
    return this.report(now, reclaimed);
  }

  /** Stops beating and removes the instance; call once its work is released. */
  async stop(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    await this.beating;
    if (this.started) await this.options.registry.remove(this.options.id);
    this.started = false;
  }

  /** Heartbeats never overlap: one that comes while the last is still running is skipped. */
  private async tick(): Promise<void> {
    if (this.beating !== undefined) return;
    this.beating = this.beat().catch((error: unknown) => {
      this.options.onError?.(error);
      return undefined;
    });
    await this.beating;
    this.beating = undefined;
  }

  private staleBefore(now: Date): Date {
    return new Date(now.getTime() - STALE_AFTER_HEARTBEATS * this.intervalMs);
  }

  private async report(now: Date, reclaimed: ReclaimedLeases): Promise<HeartbeatReport> {
    const live = await this.options.registry.listLive(this.staleBefore(now));
    const count = new Set([...live, this.options.id]).size;
    this.options.onLiveInstances?.(count);
    if (reclaimed.outbox + reclaimed.occurrences + reclaimed.instances > 0)
      this.options.onReclaimed?.(reclaimed);
    return { live: count, reclaimed };
  }
}
