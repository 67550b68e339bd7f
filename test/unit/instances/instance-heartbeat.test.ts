import assert from 'node:assert/strict';
import type { InstanceRegistry, ReclaimedLeases } from '../../../src/core/ports/instance-registry';
import {
  HEARTBEAT_INTERVAL_MS,
  InstanceHeartbeat,
  STALE_AFTER_HEARTBEATS,
} from '../../../src/instances/instance-heartbeat';

const T0 = new Date('2026-10-01T07:30:00.000Z');
const NOTHING: ReclaimedLeases = { outbox: 0, occurrences: 0, instances: 0 };

/** A registry that records calls and answers what the test set. */
function recordingRegistry(live: string[], reclaimed: ReclaimedLeases = NOTHING) {
  const calls: string[] = [];
  const registry: InstanceRegistry = {
    beat: (id, now) => {
      calls.push(`beat ${id} ${now.toISOString()}`);
      return Promise.resolve();
    },
    remove: (id) => {
      calls.push(`remove ${id}`);
      return Promise.resolve();
    },
    listLive: (since) => {
      calls.push(`listLive ${since.toISOString()}`);
      return Promise.resolve(live);
    },
    reclaimStale: (since) => {
      calls.push(`reclaimStale ${since.toISOString()}`);
      return Promise.resolve(reclaimed);
    },
    reclaimAll: (survivor) => {
      calls.push(`reclaimAll ${survivor}`);
      return Promise.resolve(reclaimed);
    },
  };
  return { registry, calls };
}

describe('instance heartbeat', () => {
  const stale = new Date(T0.getTime() - STALE_AFTER_HEARTBEATS * HEARTBEAT_INTERVAL_MS);

  it('frees only silent instances’ leases on a shared database, and counts itself among the living', async () => {
    const { registry, calls } = recordingRegistry(['other']);
    const counts: number[] = [];
    const heartbeat = new InstanceHeartbeat({
      registry,
      id: 'me',
      clock: { now: () => T0 },
      exclusive: false,
      onLiveInstances: (count) => counts.push(count),
      onReclaimed: () => assert.fail('nothing was reclaimed'),
    });
    assert.deepEqual(await heartbeat.start(), { live: 2, reclaimed: NOTHING });
    await heartbeat.stop();
    assert.deepEqual(calls, [
      `beat me ${T0.toISOString()}`,
      `reclaimStale ${stale.toISOString()}`,
      `listLive ${stale.toISOString()}`,
      'remove me',
    ]);
    assert.deepEqual(counts, [2]);
  });

  it('frees every other lease at start on an exclusive database, then only silent ones', async () => {
    const freed = { outbox: 40, occurrences: 1, instances: 1 };
    const { registry, calls } = recordingRegistry(['me'], freed);
    const reports: ReclaimedLeases[] = [];
    const heartbeat = new InstanceHeartbeat({
      registry,
      id: 'me',
      clock: { now: () => T0 },
      exclusive: true,
      onReclaimed: (reclaimed) => reports.push(reclaimed),
    });
    assert.deepEqual(await heartbeat.start(), { live: 1, reclaimed: freed });
    await heartbeat.beat();
    await heartbeat.stop();
    assert.deepEqual(
      calls.filter((call) => call.startsWith('reclaim')),
      ['reclaimAll me', `reclaimStale ${stale.toISOString()}`],
    );
    assert.deepEqual(reports, [freed, freed]);
  });

  it('does not remove an instance that never started', async () => {
    const { registry, calls } = recordingRegistry([]);
    await new InstanceHeartbeat({
      registry,
      id: 'me',
      clock: { now: () => T0 },
      exclusive: false,
    }).stop();
    assert.deepEqual(calls, []);
  });
});
