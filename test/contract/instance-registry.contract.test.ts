import assert from 'node:assert/strict';
import type { DatabaseHandle } from '../../src/adapters/sql/open-database';
import { SqlInstanceRegistry } from '../../src/adapters/sql/sql-instance-registry';
import { SqlOccurrenceStore } from '../../src/adapters/sql/sql-occurrence-store';
import { SqlOutboxStore } from '../../src/adapters/sql/sql-outbox-store';
import type { Clock } from '../../src/core/ports/clock';
import type { OutboxMessage } from '../../src/core/ports/outbox-store';
import { InstanceHeartbeat, STALE_AFTER_HEARTBEATS } from '../../src/instances/instance-heartbeat';
import { testDatabases } from './test-databases';

const T0 = new Date('2026-10-01T07:30:00.000Z');
const at = (seconds: number): Date => new Date(T0.getTime() + seconds * 1_000);
/** The outbox's default lease: what a dead instance's rows waited for before the registry. */
const LEASE_MS = 5 * 60_000;
const HEARTBEAT_MS = 5_000;

function message(key: string): OutboxMessage {
  return {
    idempotencyKey: key,
    target: { kind: 'conversation', conversationId: `19:${key}@thread.v2` },
    payload: { kind: 'text', text: 'Bonjour' },
    notBefore: T0,
  };
}

/** A clock the test moves by hand. */
function fakeClock(start: Date): Clock & { advance(ms: number): void } {
  let now = start.getTime();
  return { now: () => new Date(now), advance: (ms) => (now += ms) };
}

for (const target of testDatabases()) {
  describe(`instance registry (${target.name})`, () => {
    let database: DatabaseHandle | undefined;
    let registry: SqlInstanceRegistry;
    let outbox: SqlOutboxStore;
    let occurrences: SqlOccurrenceStore;

    beforeEach(async () => {
      database = await target.open();
      registry = new SqlInstanceRegistry(database.db);
      outbox = new SqlOutboxStore(database.db);
      occurrences = new SqlOccurrenceStore(database.db);
    });

    afterEach(async () => {
      await database?.close();
      database = undefined;
    });

    it('lists the instances that beat recently, and forgets one that removed itself', async () => {
      await registry.beat('instance-a', at(0));
      await registry.beat('instance-b', at(0));
      await registry.beat('instance-a', at(20));
      assert.deepEqual(await registry.listLive(at(5)), ['instance-a']);
      assert.deepEqual(await registry.listLive(at(0)), ['instance-a', 'instance-b']);
      await registry.remove('instance-a');
      assert.deepEqual(await registry.listLive(at(0)), ['instance-b']);
    });

    it("frees a dead instance's leases at once, and only those", async () => {
      await outbox.enqueueMany(['m1', 'm2', 'm3', 'm4'].map(message), T0);
      await registry.beat('dead', at(0));
      await registry.beat('alive', at(0));
      assert.equal((await outbox.claimDue(at(1), 2, 'dead', LEASE_MS)).length, 2);
      assert.equal((await outbox.claimDue(at(1), 1, 'alive', LEASE_MS)).length, 1);
      // An owner the registry never knew (an older build): its lease is left to run out.
      assert.equal((await outbox.claimDue(at(1), 1, 'unknown', LEASE_MS)).length, 1);
      assert.equal(
        await occurrences.claim('checkin:2026-10:team-7', 'dead', at(1), at(600)),
        'claimed',
      );
      assert.equal(
        await occurrences.claim('checkin:2026-10:team-8', 'alive', at(1), at(600)),
        'claimed',
      );

      await registry.beat('alive', at(20));
      // Nothing to claim for a newcomer while the leases hold.
      assert.deepEqual(await outbox.claimDue(at(20), 10, 'newcomer', LEASE_MS), []);
      const reclaimed = await registry.reclaimStale(at(20 - 15));
      assert.deepEqual(reclaimed, { outbox: 2, occurrences: 1, instances: 1 });
      assert.deepEqual(await registry.listLive(at(0)), ['alive']);

      const taken = await outbox.claimDue(at(21), 10, 'newcomer', LEASE_MS);
      assert.deepEqual(taken.map((row) => row.idempotencyKey).sort(), ['m1', 'm2']);
      assert.equal(
        await occurrences.claim('checkin:2026-10:team-7', 'newcomer', at(21), at(600)),
        'claimed',
      );
      assert.equal(
        await occurrences.claim('checkin:2026-10:team-8', 'newcomer', at(21), at(600)),
        'held',
      );
      // The dead owner's late writes change nothing, except a delivery it had made.
      assert.equal(await outbox.release('m1', 'dead', at(21)), false);
      assert.equal((await outbox.get('m1'))?.leaseOwner, 'newcomer');
    });

    it('leaves a done occurrence and a sent message alone', async () => {
      await outbox.enqueue(message('m1'), T0);
      await registry.beat('dead', at(0));
      await outbox.claimDue(at(1), 1, 'dead', LEASE_MS);
      await outbox.markSent('m1', { activityId: 'activity-1', conversationId: 'c' }, at(2));
      await occurrences.claim('checkin:2026-10:team-7', 'dead', at(1), at(600));
      await occurrences.markDone('checkin:2026-10:team-7', 'dead', at(2));
      assert.deepEqual(await registry.reclaimStale(at(60)), {
        outbox: 0,
        occurrences: 0,
        instances: 1,
      });
      assert.equal((await outbox.get('m1'))?.state, 'sent');
      assert.equal(
        await occurrences.claim('checkin:2026-10:team-7', 'other', at(61), at(600)),
        'done',
      );
    });

    it('frees every lease but the survivor’s when the database is one process’s', async () => {
      await outbox.enqueueMany(['m1', 'm2', 'm3'].map(message), T0);
      await outbox.claimDue(at(1), 1, 'previous-run', LEASE_MS);
      await outbox.claimDue(at(1), 1, 'never-registered', LEASE_MS);
      await registry.beat('previous-run', at(1));
      await occurrences.claim('digest:2026-10', 'previous-run', at(1), at(600));
      await registry.beat('starting', at(2));
      await outbox.claimDue(at(2), 1, 'starting', LEASE_MS);

      assert.deepEqual(await registry.reclaimAll('starting'), {
        outbox: 2,
        occurrences: 1,
        instances: 1,
      });
      assert.deepEqual(await registry.listLive(at(0)), ['starting']);
      assert.equal((await outbox.get('m3'))?.leaseOwner, 'starting');
      assert.equal((await outbox.claimDue(at(3), 10, 'starting', LEASE_MS)).length, 2);
      assert.equal(
        await occurrences.claim('digest:2026-10', 'starting', at(3), at(600)),
        'claimed',
      );
    });

    it('keeps the later of two tenant pauses and lists only running ones', async () => {
      await registry.pause('tenant-a', at(10));
      await registry.pause('tenant-a', at(5));
      await registry.pause('tenant-b', at(3));
      assert.deepEqual(await registry.listActive(at(4)), [{ tenantId: 'tenant-a', until: at(10) }]);
      await registry.pause('tenant-a', at(12));
      assert.deepEqual(await registry.listActive(at(11)), [
        { tenantId: 'tenant-a', until: at(12) },
      ]);
      assert.deepEqual(await registry.listActive(at(12)), []);
    });

    describe('heartbeat', () => {
      const heartbeats: InstanceHeartbeat[] = [];
      afterEach(async () => {
        await Promise.all(heartbeats.splice(0).map((heartbeat) => heartbeat.stop()));
      });

      function heartbeat(id: string, clock: Clock, exclusive = false): InstanceHeartbeat {
        const created = new InstanceHeartbeat({
          registry,
          id,
          clock,
          intervalMs: HEARTBEAT_MS,
          exclusive,
        });
        heartbeats.push(created);
        return created;
      }

      it(`frees a silent instance's rows after ${STALE_AFTER_HEARTBEATS} missed heartbeats, not before`, async () => {
        const clock = fakeClock(T0);
        await outbox.enqueueMany(['m1', 'm2'].map(message), T0);
        const survivor = heartbeat('survivor', clock);
        assert.equal((await survivor.start()).live, 1);
        assert.equal((await heartbeat('victim', clock).start()).live, 2);
        assert.equal((await outbox.claimDue(clock.now(), 2, 'victim', LEASE_MS)).length, 2);

        // The victim goes silent; the survivor keeps beating.
        for (let beat = 1; beat <= STALE_AFTER_HEARTBEATS; beat += 1) {
          clock.advance(HEARTBEAT_MS);
          const report = await survivor.beat();
          assert.equal(report.reclaimed.outbox, 0, `freed after ${beat} heartbeats`);
        }
        clock.advance(HEARTBEAT_MS);
        const report = await survivor.beat();
        assert.deepEqual(report, {
          live: 1,
          reclaimed: { outbox: 2, occurrences: 0, instances: 1 },
        });
        assert.equal((await outbox.claimDue(clock.now(), 10, 'survivor', LEASE_MS)).length, 2);
      });

      it('removes the instance on stop, and frees everything at start on an exclusive database', async () => {
        const clock = fakeClock(T0);
        await outbox.enqueue(message('m1'), T0);
        const first = heartbeat('first-run', clock, true);
        await first.start();
        await outbox.claimDue(clock.now(), 1, 'first-run', LEASE_MS);
        // Killed: no stop(), so its row and its lease stay behind.
        clock.advance(1_000);
        const second = heartbeat('second-run', clock, true);
        const report = await second.start();
        assert.deepEqual(report, {
          live: 1,
          reclaimed: { outbox: 1, occurrences: 0, instances: 1 },
        });
        await second.stop();
        assert.deepEqual(await registry.listLive(T0), []);
        await first.stop();
      });
    });
  });
}
