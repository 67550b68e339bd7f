import assert from 'node:assert/strict';
import type { TenantPauseStore } from '../../../src/core/ports/instance-registry';
import { createRateLimiter, type RateLimiter } from '../../../src/delivery/create-rate-limiter';
import { shareTenantPauses } from '../../../src/delivery/share-tenant-pauses';

const T0 = Date.UTC(2026, 9, 1, 7, 30);

/** Requests granted in one instant to one tenant, each to a conversation of its own. */
function grantedAt(limiter: RateLimiter, now: number, tenant = 'tenant-a'): number {
  let granted = 0;
  for (let i = 0; i < 200; i += 1) {
    const decision = limiter.tryAcquire(tenant, `conversation-${i}`, now);
    if (!decision.granted) break;
    decision.slot.finish(now);
    granted += 1;
  }
  return granted;
}

/** Tenant pauses in memory, as the database would keep them. */
function memoryPauses(): TenantPauseStore & { rows: Map<string, Date> } {
  const rows = new Map<string, Date>();
  return {
    rows,
    pause(tenantId, until) {
      const current = rows.get(tenantId);
      if (current === undefined || current < until) rows.set(tenantId, until);
      return Promise.resolve();
    },
    listActive(now) {
      return Promise.resolve(
        [...rows]
          .filter(([, until]) => until > now)
          .map(([tenantId, until]) => ({ tenantId, until })),
      );
    },
  };
}

describe('a tenant budget shared by several instances', () => {
  it('keeps to the whole tenant limit alone, and to a share when instances join', () => {
    const limiter = createRateLimiter();
    assert.equal(grantedAt(limiter, T0), 50);
    limiter.shareTenantLimits(2);
    assert.deepEqual(limiter.tenantLimits(), [{ limit: 25, windowMs: 1_000 }]);
    assert.equal(grantedAt(limiter, T0 + 1_000), 25);
    limiter.shareTenantLimits(3);
    assert.equal(grantedAt(limiter, T0 + 2_000), 16);
    // The other instances are gone: the whole limit again.
    limiter.shareTenantLimits(1);
    assert.equal(grantedAt(limiter, T0 + 3_000), 50);
  });

  it('never shares a limit down to nothing', () => {
    const limiter = createRateLimiter();
    limiter.shareTenantLimits(80);
    assert.deepEqual(limiter.tenantLimits(), [{ limit: 1, windowMs: 1_000 }]);
    limiter.shareTenantLimits(0);
    assert.deepEqual(limiter.tenantLimits(), [{ limit: 50, windowMs: 1_000 }]);
  });

  it("pauses a tenant on every instance after one instance's 429", async () => {
    const store = memoryPauses();
    const clock = { now: () => new Date(T0) };
    const first = shareTenantPauses({ limiter: createRateLimiter(), store, clock });
    const second = shareTenantPauses({ limiter: createRateLimiter(), store, clock });

    first.limiter.throttleTenant('tenant-a', T0 + 3_000);
    await first.stop();
    assert.deepEqual(store.rows.get('tenant-a'), new Date(T0 + 3_000));
    assert.equal(first.limiter.throttledUntil('tenant-a', T0), T0 + 3_000);
    assert.equal(grantedAt(second.limiter, T0), 50, 'not paused before it reads the pauses');

    await second.sync();
    assert.equal(second.limiter.throttledUntil('tenant-a', T0), T0 + 3_000);
    assert.equal(grantedAt(second.limiter, T0 + 1_000), 0);
    assert.equal(second.limiter.throttledUntil('tenant-b', T0), undefined);
    // A shorter pause recorded later never replaces the longer one.
    first.limiter.throttleTenant('tenant-a', T0 + 1_000);
    await first.stop();
    assert.deepEqual(store.rows.get('tenant-a'), new Date(T0 + 3_000));
  });
});
