import assert from 'node:assert/strict';
import type { DatabaseHandle } from '../../src/adapters/sql/open-database';
import { SqlOccurrenceStore } from '../../src/adapters/sql/sql-occurrence-store';
import type { Occurrence } from '../../src/core/jobs/occurrence';
import type { Clock } from '../../src/core/ports/clock';
import {
  createScheduledJob,
  type ScheduledJobDefinition,
} from '../../src/jobs/create-scheduled-job';
import { createLogger } from '../../src/logger';
import { testDatabases } from './test-databases';

const DAY = 24 * 60 * 60 * 1000;

class FakeClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(iso: string): void {
    this.current = new Date(iso);
  }
}

/** Monthly check-ins of three teams, from September: due 07:30 UTC on the 1st, valid a week. */
function monthlyCheckins(executed: string[], failOnce = new Set<string>()): ScheduledJobDefinition {
  return {
    name: 'checkin',
    listOccurrences: (now) => {
      const occurrences: Occurrence[] = [];
      for (const month of ['2026-09', '2026-10', '2026-11']) {
        for (const team of ['team-1', 'team-2', 'team-3']) {
          const dueAt = new Date(`${month}-01T07:30:00.000Z`);
          occurrences.push({
            key: `checkin:${month}:${team}`,
            dueAt,
            expiresAt: new Date(dueAt.getTime() + 7 * DAY),
          });
        }
      }
      return Promise.resolve(occurrences.filter((o) => o.dueAt <= now));
    },
    execute: async (occurrence) => {
      // Yield so that concurrent runners interleave as they would across processes.
      await new Promise((resolve) => setImmediate(resolve));
      if (failOnce.delete(occurrence.key)) throw new Error('connector unreachable');
      executed.push(occurrence.key);
    },
  };
}

const silent = createLogger('silent');

for (const target of testDatabases()) {
  describe(`scheduled jobs (${target.name})`, () => {
    let database: DatabaseHandle | undefined;

    beforeEach(async () => {
      database = await target.open();
    });

    afterEach(async () => {
      await database?.close();
      database = undefined;
    });

    function jobFor(executed: string[], clock: Clock, owner: string, failOnce?: Set<string>) {
      return createScheduledJob(monthlyCheckins(executed, failOnce), {
        occurrences: new SqlOccurrenceStore(database!.db),
        clock,
        owner,
        logger: silent,
      });
    }

    it('runs each occurrence once however often it ticks', async () => {
      const executed: string[] = [];
      const clock = new FakeClock(new Date('2026-09-01T07:30:00.000Z'));
      const job = jobFor(executed, clock, 'a');
      await job.tick();
      await job.tick();
      clock.set('2026-09-01T07:31:00.000Z');
      await job.tick();
      assert.deepEqual(executed, [
        'checkin:2026-09:team-1',
        'checkin:2026-09:team-2',
        'checkin:2026-09:team-3',
      ]);
    });

    it('does not run again after a restart, and catches up what was missed while down', async () => {
      const executed: string[] = [];
      const clock = new FakeClock(new Date('2026-09-01T08:00:00.000Z'));
      await jobFor(executed, clock, 'before-restart').tick();
      // Restarted the next day: September is still inside its window, but it ran already.
      clock.set('2026-09-02T08:00:00.000Z');
      assert.deepEqual((await jobFor(executed, clock, 'restarted').tick()).ran, []);
      // Down from 30 September to 3 October: October is two days late but inside its week.
      clock.set('2026-10-03T09:00:00.000Z');
      const report = await jobFor(executed, clock, 'after-restart').tick();
      assert.deepEqual(report.ran, [
        'checkin:2026-10:team-1',
        'checkin:2026-10:team-2',
        'checkin:2026-10:team-3',
      ]);
      assert.equal(executed.length, 6);
    });

    it('drops an occurrence missed beyond its window', async () => {
      const executed: string[] = [];
      const clock = new FakeClock(new Date('2026-11-20T09:00:00.000Z'));
      const report = await jobFor(executed, clock, 'a').tick();
      assert.deepEqual(report.ran, []);
      assert.deepEqual(executed, []);
    });

    it('retries a failed occurrence on the next tick', async () => {
      const executed: string[] = [];
      const clock = new FakeClock(new Date('2026-09-01T08:00:00.000Z'));
      const job = jobFor(executed, clock, 'a', new Set(['checkin:2026-09:team-2']));
      const first = await job.tick();
      assert.deepEqual(first.failed, ['checkin:2026-09:team-2']);
      const second = await job.tick();
      assert.deepEqual(second.ran, ['checkin:2026-09:team-2']);
      assert.equal(executed.filter((k) => k === 'checkin:2026-09:team-2').length, 1);
    });

    it('runs each occurrence once when two instances tick at the same time', async () => {
      const executed: string[] = [];
      const clock = new FakeClock(new Date('2026-10-01T08:00:00.000Z'));
      const instances = ['a', 'b', 'c'].map((owner) => jobFor(executed, clock, owner));
      await Promise.all(instances.map((job) => job.tick()));
      await Promise.all(instances.map((job) => job.tick()));
      assert.deepEqual([...executed].sort(), [
        'checkin:2026-10:team-1',
        'checkin:2026-10:team-2',
        'checkin:2026-10:team-3',
      ]);
    });
  });
}
