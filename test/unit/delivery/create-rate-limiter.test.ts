import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createRateLimiter, type RateLimiter } from '../../../src/delivery/create-rate-limiter';
import { TEAMS_RATE_LIMITS } from '../../../src/delivery/teams-rate-limits';

const T0 = Date.UTC(2026, 9, 1, 7, 30);

/** Asks for a slot for a request answered at once; the limiter's answer without the slot. */
function send(
  limiter: RateLimiter,
  tenant: string,
  conversation: string | undefined,
  now: number,
): { granted: true } | { granted: false; retryAt: number } {
  const decision = limiter.tryAcquire(tenant, conversation, now);
  if (!decision.granted) return decision;
  decision.slot.finish(now);
  return { granted: true as const };
}

/** Sends as fast as the limiter allows to one conversation and returns the send times. */
function drain(count: number, conversations: string[], tenant = 'tenant-a'): number[] {
  const limiter = createRateLimiter();
  const times: number[] = [];
  let now = T0;
  let next = 0;
  while (times.length < count) {
    const conversation = conversations[next % conversations.length];
    const decision = send(limiter, tenant, conversation, now);
    if (decision.granted) {
      times.push(now);
      next += 1;
    } else {
      now = decision.retryAt;
    }
  }
  return times;
}

function maxInWindow(times: number[], windowMs: number): number {
  let max = 0;
  let start = 0;
  for (let end = 0; end < times.length; end += 1) {
    while ((times[end] ?? 0) - (times[start] ?? 0) >= windowMs) start += 1;
    max = Math.max(max, end - start + 1);
  }
  return max;
}

describe('createRateLimiter', () => {
  it('lets 7 messages through to a conversation at once, then holds the 8th for one second', () => {
    const limiter = createRateLimiter();
    for (let i = 0; i < 7; i += 1) assert.deepEqual(send(limiter, 't', 'c', T0), { granted: true });
    assert.deepEqual(send(limiter, 't', 'c', T0), { granted: false, retryAt: T0 + 1_000 });
    assert.deepEqual(send(limiter, 't', 'c', T0 + 1_000), { granted: true });
  });

  it('holds the 9th message in two seconds until the first leaves the 2-second window', () => {
    const limiter = createRateLimiter();
    for (let i = 0; i < 7; i += 1) send(limiter, 't', 'c', T0);
    send(limiter, 't', 'c', T0 + 1_000);
    assert.deepEqual(send(limiter, 't', 'c', T0 + 1_500), {
      granted: false,
      retryAt: T0 + 2_000,
    });
  });

  it('never exceeds any documented window for one busy conversation over an hour', () => {
    const times = drain(1_900, ['19:busy@thread.v2']);
    for (const window of TEAMS_RATE_LIMITS.perConversation) {
      assert.ok(
        maxInWindow(times, window.windowMs) <= window.limit,
        `${window.limit}/${window.windowMs}`,
      );
    }
    // The 1,801st message waits for the first to leave the one-hour window.
    assert.equal(times[1_800], T0 + 3_600_000);
  });

  it('keeps 60 messages per 30 seconds as the pace of a long burst to one conversation', () => {
    const times = drain(121, ['c']);
    assert.equal(times[60], T0 + 30_000);
    assert.equal(times[120], T0 + 60_000);
  });

  it('keeps a tenant at 50 requests per second across many conversations', () => {
    const conversations = Array.from({ length: 500 }, (_, i) => `c-${i}`);
    const times = drain(500, conversations);
    assert.equal(maxInWindow(times, 1_000), 50);
    assert.equal(times[499], T0 + 9_000);
  });

  it('paces tenants independently', () => {
    const limiter = createRateLimiter();
    for (let i = 0; i < 50; i += 1) send(limiter, 'a', `c-${i}`, T0);
    assert.equal(send(limiter, 'a', 'c-50', T0).granted, false);
    assert.equal(send(limiter, 'b', 'c-50', T0).granted, true);
  });

  it('counts conversation creation against the tenant only', () => {
    const limiter = createRateLimiter();
    for (let i = 0; i < 50; i += 1) assert.equal(send(limiter, 'a', undefined, T0).granted, true);
    assert.deepEqual(send(limiter, 'a', 'c', T0), { granted: false, retryAt: T0 + 1_000 });
  });

  it('pauses the whole tenant after a 429 until its Retry-After, and never shortens the pause', () => {
    const limiter = createRateLimiter();
    limiter.throttleTenant('a', T0 + 5_000);
    limiter.throttleTenant('a', T0 + 2_000);
    assert.deepEqual(send(limiter, 'a', 'other', T0 + 1_000), {
      granted: false,
      retryAt: T0 + 5_000,
    });
    assert.equal(limiter.throttledUntil('a', T0 + 1_000), T0 + 5_000);
    assert.equal(send(limiter, 'b', 'other', T0 + 1_000).granted, true);
    assert.equal(send(limiter, 'a', 'other', T0 + 5_000).granted, true);
    assert.equal(limiter.throttledUntil('a', T0 + 5_000), undefined);
  });

  it('forgets conversations idle for longer than the longest window', () => {
    const limiter = createRateLimiter();
    for (let i = 0; i < 1_000; i += 1) send(limiter, 'a', `c-${i}`, T0 + i * 20);
    assert.equal(limiter.size().conversations, 1_000);
    limiter.expireIdle(T0 + 3_600_000 + 10_000);
    assert.ok(limiter.size().conversations < 1_000);
    limiter.expireIdle(T0 + 2 * 3_600_000);
    assert.deepEqual(limiter.size(), { conversations: 0, tenants: 0, timestamps: 0 });
  });

  it('keeps memory bounded during a long fan-out by sweeping idle conversations as it goes', () => {
    // A 10-second longest window makes conversations idle quickly; the sweep runs once a minute.
    const limiter = createRateLimiter({
      limits: {
        perConversation: [{ limit: 7, windowMs: 10_000 }],
        perTenant: [{ limit: 50, windowMs: 1_000 }],
      },
    });
    let now = T0;
    let peak = 0;
    for (let sent = 0; sent < 30_000;) {
      const decision = send(limiter, 'a', `c-${sent}`, now);
      if (decision.granted) sent += 1;
      else now = decision.retryAt;
      peak = Math.max(peak, limiter.size().conversations);
    }
    // 50 new conversations a second, kept for the 10-second window plus at most one sweep interval.
    assert.ok(peak <= 50 * (10 + 60), `peak ${peak}`);
  });

  it('does not keep more timestamps for a conversation than its busiest window allows', () => {
    const limiter = createRateLimiter();
    let now = T0;
    for (let sent = 0; sent < 5_000;) {
      const decision = send(limiter, 'a', 'c', now);
      if (decision.granted) sent += 1;
      else now = decision.retryAt;
    }
    // At most 1,800 live timestamps per conversation and 50 for the tenant, plus dead ones awaiting compaction.
    assert.ok(
      limiter.size().timestamps <= 2 * (1_800 + 64) + 2 * (50 + 64),
      String(limiter.size().timestamps),
    );
  });

  it('counts a request as just sent until its answer comes back', () => {
    const limiter = createRateLimiter();
    const slots = [];
    for (let i = 0; i < 7; i += 1) {
      const decision = limiter.tryAcquire('t', 'c', T0);
      assert.ok(decision.granted);
      slots.push(decision.slot);
    }
    // Long after the window, the 8th still waits: the 7 may reach Teams at any moment.
    assert.deepEqual(limiter.tryAcquire('t', 'c', T0 + 5_000), {
      granted: false,
      retryAt: T0 + 5_010,
    });
    // Answered at T0 + 300: they count from then on, so the 8th goes at T0 + 1,300.
    slots.forEach((slot) => slot.finish(T0 + 300));
    assert.equal(limiter.tryAcquire('t', 'c', T0 + 1_299).granted, false);
    assert.equal(limiter.tryAcquire('t', 'c', T0 + 1_300).granted, true);
  });

  it('counts a slowly answered request from its answer, not from its sending', () => {
    const limiter = createRateLimiter({
      limits: {
        perConversation: [{ limit: 1, windowMs: 1_000 }],
        perTenant: [{ limit: 100, windowMs: 1_000 }],
      },
    });
    const slow = limiter.tryAcquire('t', 'c', T0);
    assert.ok(slow.granted);
    slow.slot.finish(T0 + 400);
    slow.slot.finish(T0 + 900);
    assert.deepEqual(limiter.tryAcquire('t', 'c', T0 + 1_100), {
      granted: false,
      retryAt: T0 + 1_400,
    });
  });

  it('does not forget a conversation with a request in flight', () => {
    const limiter = createRateLimiter();
    const decision = limiter.tryAcquire('t', 'c', T0);
    limiter.expireIdle(T0 + 10 * 3_600_000);
    assert.equal(limiter.size().conversations, 1);
    assert.ok(decision.granted);
    decision.slot.finish(T0 + 10 * 3_600_000);
    limiter.expireIdle(T0 + 12 * 3_600_000);
    assert.equal(limiter.size().conversations, 0);
  });

  it('honours custom limits, for instances that share a tenant', () => {
    const limiter = createRateLimiter({
      limits: {
        perConversation: [{ limit: 1, windowMs: 1_000 }],
        perTenant: [{ limit: 2, windowMs: 1_000 }],
      },
    });
    assert.equal(send(limiter, 'a', 'c', T0).granted, true);
    assert.equal(send(limiter, 'a', 'c', T0).granted, false);
    assert.equal(send(limiter, 'a', 'd', T0).granted, true);
    assert.equal(send(limiter, 'a', 'e', T0).granted, false);
  });

  it('never grants more than any window allows, whatever the arrival pattern', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 2 })), {
          maxLength: 400,
        }),
        (arrivals) => {
          const limiter = createRateLimiter();
          const granted = new Map<string, number[]>();
          const all: number[] = [];
          let now = T0;
          for (const [gap, conversation] of arrivals) {
            now += gap;
            if (send(limiter, 't', `c-${conversation}`, now).granted) {
              granted.set(`c-${conversation}`, [...(granted.get(`c-${conversation}`) ?? []), now]);
              all.push(now);
            }
          }
          for (const times of granted.values()) {
            for (const window of TEAMS_RATE_LIMITS.perConversation) {
              assert.ok(maxInWindow(times, window.windowMs) <= window.limit);
            }
          }
          assert.ok(maxInWindow(all, 1_000) <= 50);
        },
      ),
      { seed: 7, numRuns: 300 },
    );
  });
});
