import { TEAMS_RATE_LIMITS, type RateLimits, type SlidingWindow } from './teams-rate-limits';

/** Answer to a request for a send slot: go now (the slot is taken), or come back at `retryAt`. */
export type SlotDecision = { granted: true } | { granted: false; retryAt: number };

/**
 * Sliding-window pacing of Bot Connector requests, per conversation and per tenant, plus a
 * tenant-wide pause set from 429 answers. Pure: every method takes the time in epoch milliseconds.
 */
export interface RateLimiter {
  /** Takes a slot for a request to a tenant (and to a conversation, for sends) if every window allows it. */
  tryAcquire(tenantId: string, conversationId: string | undefined, now: number): SlotDecision;
  /** Pauses every request to the tenant until `until` (a 429's Retry-After); never shortens a pause. */
  throttleTenant(tenantId: string, until: number): void;
  /** The end of the tenant's current pause, if any. */
  throttledUntil(tenantId: string, now: number): number | undefined;
  /** Forgets conversations and tenants with no request in the longest window and no pause. */
  expireIdle(now: number): void;
  /** How many conversations and tenants are tracked, to check memory stays bounded. */
  size(): { conversations: number; tenants: number; timestamps: number };
}

/** Options of the limiter; the documented Teams limits by default. */
export interface RateLimiterOptions {
  limits?: RateLimits;
}

// Idle state is dropped at most this often, so the sweep costs O(conversations) once a minute
// rather than on every request.
const EXPIRY_SWEEP_INTERVAL_MS = 60_000;

/** Send times inside the longest window, oldest first; `start` skips expired ones without copying. */
interface History {
  times: number[];
  start: number;
}

interface TenantState {
  history: History;
  throttledUntil: number;
}

function longestWindow(windows: readonly SlidingWindow[]): number {
  return windows.reduce((longest, window) => Math.max(longest, window.windowMs), 0);
}

function forgetBefore(history: History, cutoff: number): void {
  while (history.start < history.times.length && (history.times[history.start] ?? 0) <= cutoff) {
    history.start += 1;
  }
  // Compact once half the array is dead, so memory follows the number of recent sends.
  if (history.start > 64 && history.start * 2 > history.times.length) {
    history.times = history.times.slice(history.start);
    history.start = 0;
  }
}

function record(history: History, now: number): void {
  const last = history.times[history.times.length - 1];
  if (last === undefined || last <= now) {
    history.times.push(now);
    return;
  }
  // A clock that stepped back: keep the array sorted so window counts stay right.
  let index = history.times.length;
  while (index > history.start && (history.times[index - 1] ?? 0) > now) index -= 1;
  history.times.splice(index, 0, now);
}

/** The earliest time every window allows one more request (`now` when they all do). */
function earliestSlot(history: History, windows: readonly SlidingWindow[], now: number): number {
  const count = history.times.length - history.start;
  let earliest = now;
  for (const { limit, windowMs } of windows) {
    if (count < limit) continue;
    // The request `limit` places back from the newest must leave the window first.
    const blocking = history.times[history.times.length - limit] ?? now;
    if (blocking > now - windowMs) earliest = Math.max(earliest, blocking + windowMs);
  }
  return earliest;
}

/** Creates an in-memory limiter with the documented Teams limits unless told otherwise. */
export function createRateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  const limits = options.limits ?? TEAMS_RATE_LIMITS;
  const conversationSpan = longestWindow(limits.perConversation);
  const tenantSpan = longestWindow(limits.perTenant);
  const conversations = new Map<string, History>();
  const tenants = new Map<string, TenantState>();
  let lastSweep = Number.NEGATIVE_INFINITY;

  const tenantState = (tenantId: string): TenantState => {
    let state = tenants.get(tenantId);
    if (state === undefined) {
      state = { history: { times: [], start: 0 }, throttledUntil: 0 };
      tenants.set(tenantId, state);
    }
    return state;
  };

  const limiter: RateLimiter = {
    tryAcquire(tenantId, conversationId, now) {
      if (now - lastSweep >= EXPIRY_SWEEP_INTERVAL_MS) limiter.expireIdle(now);
      const tenant = tenantState(tenantId);
      forgetBefore(tenant.history, now - tenantSpan);
      let retryAt = Math.max(
        tenant.throttledUntil,
        earliestSlot(tenant.history, limits.perTenant, now),
      );

      let conversation: History | undefined;
      if (conversationId !== undefined) {
        conversation = conversations.get(conversationId) ?? { times: [], start: 0 };
        forgetBefore(conversation, now - conversationSpan);
        retryAt = Math.max(retryAt, earliestSlot(conversation, limits.perConversation, now));
      }
      if (retryAt > now) return { granted: false, retryAt };

      record(tenant.history, now);
      if (conversationId !== undefined && conversation !== undefined) {
        record(conversation, now);
        conversations.set(conversationId, conversation);
      }
      return { granted: true };
    },

    throttleTenant(tenantId, until) {
      const tenant = tenantState(tenantId);
      tenant.throttledUntil = Math.max(tenant.throttledUntil, until);
    },

    throttledUntil(tenantId, now) {
      const until = tenants.get(tenantId)?.throttledUntil ?? 0;
      return until > now ? until : undefined;
    },

    expireIdle(now) {
      lastSweep = now;
      for (const [id, history] of conversations) {
        forgetBefore(history, now - conversationSpan);
        if (history.start === history.times.length) conversations.delete(id);
      }
      for (const [id, tenant] of tenants) {
        forgetBefore(tenant.history, now - tenantSpan);
        if (tenant.history.start === tenant.history.times.length && tenant.throttledUntil <= now) {
          tenants.delete(id);
        }
      }
    },

    size() {
      let timestamps = 0;
      for (const history of conversations.values()) timestamps += history.times.length;
      for (const tenant of tenants.values()) timestamps += tenant.history.times.length;
      return { conversations: conversations.size, tenants: tenants.size, timestamps };
    },
  };
  return limiter;
}
