import type { Clock } from '../core/ports/clock';
import type { TenantPauseStore } from '../core/ports/instance-registry';
import type { RateLimiter } from './create-rate-limiter';

/**
 * Pauses recorded by other instances are read this often. Teams' Retry-After is whole seconds,
 * so a pause is seen by every instance before most of it has passed.
 */
export const PAUSE_POLL_MS = 1_000;

/** A limiter whose tenant pauses are shared with every instance, and the polling that reads them. */
export interface SharedTenantPauses {
  /** The limiter to give the worker: a 429 it reports pauses the tenant for every instance. */
  limiter: RateLimiter;
  /** Reads the pauses other instances recorded into the local limiter. */
  sync(): Promise<void>;
  start(): void;
  /** Stops polling and waits for pauses still being recorded. */
  stop(): Promise<void>;
}

/**
 * Shares the tenant pause after a 429 through the database: Teams counts the requests of all
 * instances against one tenant limit, so one instance's 429 means every instance must wait.
 */
export function shareTenantPauses(options: {
  limiter: RateLimiter;
  store: TenantPauseStore;
  clock: Clock;
  pollMs?: number;
  onError?: (error: unknown) => void;
}): SharedTenantPauses {
  const { limiter, store, clock } = options;
  const recording = new Set<Promise<void>>();
  let timer: NodeJS.Timeout | undefined;
  let syncing: Promise<void> | undefined;

  const sync = async (): Promise<void> => {
    for (const { tenantId, until } of await store.listActive(clock.now())) {
      limiter.throttleTenant(tenantId, until.getTime());
    }
  };
  const tick = (): void => {
    if (syncing !== undefined) return;
    syncing = sync()
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => (syncing = undefined));
  };

  return {
    limiter: {
      ...limiter,
      throttleTenant(tenantId, until) {
        limiter.throttleTenant(tenantId, until);
        const write: Promise<void> = store
          .pause(tenantId, new Date(until))
          .catch((error: unknown) => options.onError?.(error))
          .finally(() => recording.delete(write));
        recording.add(write);
      },
    },
    sync,
    start() {
      if (timer !== undefined) return;
      timer = setInterval(tick, options.pollMs ?? PAUSE_POLL_MS);
      timer.unref();
    },
    async stop() {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
      await syncing;
      await Promise.allSettled([...recording]);
    },
  };
}
