import { TEAMS_RATE_LIMITS, type RateLimits, type SlidingWindow } from './teams-rate-limits';

/**
 * A granted request. Call `finish` with the time its answer came back (whatever it was): until
 * then the request counts as just sent.
 */
export interface Slot {
  finish(at: number): void;
}

/** Answer to a request for a slot: go now, or come back at `retryAt`. */
export type SlotDecision = { granted: true; slot: Slot } | { granted: false; retryAt: number };

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
  /** Forgets conversations and tenants with nothing in flight, no request in the longest window and no pause. */
  expireIdle(now: number): void;
  /**
   * Keeps to a share of the tenant limits: `instances` processes send to the same tenants, so
   * each takes 1/instances of every tenant window (at least one request). Conversation windows
   * stay whole: a conversation's messages are sent by one instance at a time.
   */
  shareTenantLimits(instances: number): void;
  /** The tenant windows currently kept, after sharing. */
  tenantLimits(): readonly SlidingWindow[];
  /** How many conversations, tenants and timestamps are held, to check memory stays bounded. */
  size(): { conversations: number; tenants: number; timestamps: number };
}

/** Options of the limiter; the documented Teams limits by default. */
export interface RateLimiterOptions {
  limits?: RateLimits;
}

// Idle state is dropped at most this often, so the sweep costs O(conversations) once a minute
// rather than on every request.
const EXPIRY_SWEEP_INTERVAL_MS = 60_000;

/**
 * When every place in a window is taken by requests still awaiting their answer, when a place
 * frees is unknown: ask again after this long (Bot Connector answers take tens of milliseconds).
 */
export const IN_FLIGHT_RETRY_MS = 10;

/**
 * Times of finished requests inside the longest window, oldest first (`start` skips expired
 * ones without copying), and the number of requests still awaiting their answer.
 */
interface History {
  times: number[];
  start: number;
  inFlight: number;
}

interface TenantState {
  history: History;
  throttledUntil: number;
}

function newHistory(): History {
  return { times: [], start: 0, inFlight: 0 };
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

function record(history: History, at: number): void {
  const last = history.times[history.times.length - 1];
  if (last === undefined || last <= at) {
    history.times.push(at);
    return;
  }
  // Answers can come back out of order: keep the array sorted so window counts stay right.
  let index = history.times.length;
  while (index > history.start && (history.times[index - 1] ?? 0) > at) index -= 1;
  history.times.splice(index, 0, at);
}

function isIdle(history: History): boolean {
  return history.inFlight === 0 && history.start === history.times.length;
}

/**
 * The earliest time every window allows one more request (`now` when they all do). Requests in
 * flight count as the newest of all, since they may reach Teams at any moment until answered.
 */
function earliestSlot(history: History, windows: readonly SlidingWindow[], now: number): number {
  const count = history.times.length - history.start;
  let earliest = now;
  for (const { limit, windowMs } of windows) {
    if (history.inFlight >= limit) {
      earliest = Math.max(earliest, now + IN_FLIGHT_RETRY_MS);
      continue;
    }
    const finishedAllowed = limit - history.inFlight;
    if (count < finishedAllowed) continue;
    // The finished request `finishedAllowed` places back from the newest must leave the window.
    const blocking = history.times[history.times.length - finishedAllowed] ?? now;
    if (blocking > now - windowMs) earliest = Math.max(earliest, blocking + windowMs);
  }
  return earliest;
}

/**
 * Creates an in-memory limiter with the documented Teams limits unless told otherwise.
 * Teams counts a request when it arrives, which is somewhere between our sending it and its
 * answer; counting it as sent until the answer and as sent at the answer's time after that
 * keeps us inside every window whatever the network delays, without a guessed safety margin.
 */
export function createRateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  const limits = options.limits ?? TEAMS_RATE_LIMITS;
  const conversationSpan = longestWindow(limits.perConversation);
  const tenantSpan = longestWindow(limits.perTenant);
  let tenantWindows: readonly SlidingWindow[] = limits.perTenant;
  const conversations = new Map<string, History>();
  const tenants = new Map<string, TenantState>();
  let lastSweep = Number.NEGATIVE_INFINITY;

  const tenantState = (tenantId: string): TenantState => {
    let state = tenants.get(tenantId);
    if (state === undefined) {
      state = { history: newHistory(), throttledUntil: 0 };
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
        earliestSlot(tenant.history, tenantWindows, now),
      );

      let conversation: History | undefined;
      if (conversationId !== undefined) {
        conversation = conversations.get(conversationId) ?? newHistory();
        forgetBefore(conversation, now - conversationSpan);
        retryAt = Math.max(retryAt, earliestSlot(conversation, limits.perConversation, now));
      }
      if (retryAt > now) return { granted: false, retryAt };

      const held: History[] = [tenant.history];
      if (conversationId !== undefined && conversation !== undefined) {
        conversations.set(conversationId, conversation);
        held.push(conversation);
      }
      held.forEach((history) => (history.inFlight += 1));
      let finished = false;
      return {
        granted: true,
        slot: {
          finish(at) {
            if (finished) return;
            finished = true;
            for (const history of held) {
              history.inFlight -= 1;
              record(history, at);
            }
          },
        },
      };
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
        if (isIdle(history)) conversations.delete(id);
      }
      for (const [id, tenant] of tenants) {
        forgetBefore(tenant.history, now - tenantSpan);
        if (isIdle(tenant.history) && tenant.throttledUntil <= now) tenants.delete(id);
      }
    },

    shareTenantLimits(instances) {
      const share = Math.max(1, Math.floor(instances));
      tenantWindows = limits.perTenant.map(({ limit, windowMs }) => ({
        limit: Math.max(1, Math.floor(limit / share)),
        windowMs,
      }));
    },

    tenantLimits() {
      return tenantWindows;
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
