import type { Occurrence } from '../core/jobs/occurrence';
import { selectDueOccurrences } from '../core/jobs/select-due-occurrences';
import type { Clock } from '../core/ports/clock';
import type { OccurrenceStore } from '../core/ports/occurrence-store';
import type { Logger } from '../logger';
import type { Job } from './job-registry';

/**
 * How long an instance holds an occurrence while running it. Long enough for a monthly send to
 * thousands of teams to be queued (queuing is a database write per message, not a send).
 */
export const DEFAULT_LEASE_MS = 10 * 60 * 1000;

/** A job that derives its occurrences from stored dates and runs each one once. */
export interface ScheduledJobDefinition {
  name: string;
  /** Occurrences whose window may contain `now`; those not due yet or expired are ignored. */
  listOccurrences(now: Date): Promise<Occurrence[]>;
  /** Does the work, typically queuing messages with idempotency keys. */
  execute(occurrence: Occurrence): Promise<void>;
  leaseMs?: number;
  schedule?: string;
  timezone?: string;
}

/** What one tick did, for logs and tests. */
export interface TickReport {
  ran: string[];
  failed: string[];
  skipped: string[];
}

/** A registered job plus direct access to one tick, for tests and catch-up at start. */
export interface ScheduledJob extends Job {
  tick(): Promise<TickReport>;
}

/** Wraps a definition so each due occurrence is claimed in the database before it runs. */
export function createScheduledJob(
  definition: ScheduledJobDefinition,
  deps: { occurrences: OccurrenceStore; clock: Clock; owner: string; logger: Logger },
): ScheduledJob {
  const leaseMs = definition.leaseMs ?? DEFAULT_LEASE_MS;
  const tick = async (): Promise<TickReport> => {
    const now = deps.clock.now();
    const due = selectDueOccurrences(await definition.listOccurrences(now), now);
    const done = await deps.occurrences.listDone(due.map((o) => o.key));
    const report: TickReport = { ran: [], failed: [], skipped: [] };
    for (const occurrence of due) {
      if (done.has(occurrence.key)) continue;
      const claimedAt = deps.clock.now();
      const claim = await deps.occurrences.claim(
        occurrence.key,
        deps.owner,
        claimedAt,
        new Date(claimedAt.getTime() + leaseMs),
      );
      if (claim !== 'claimed') {
        report.skipped.push(occurrence.key);
        continue;
      }
      try {
        await definition.execute(occurrence);
        await deps.occurrences.markDone(occurrence.key, deps.owner, deps.clock.now());
        report.ran.push(occurrence.key);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await deps.occurrences.release(occurrence.key, deps.owner, message);
        deps.logger.error(
          { err: error, job: definition.name, occurrence: occurrence.key },
          'occurrence failed',
        );
        report.failed.push(occurrence.key);
      }
    }
    if (report.ran.length > 0 || report.failed.length > 0) {
      deps.logger.info(
        { job: definition.name, ran: report.ran.length, failed: report.failed.length },
        'job tick',
      );
    }
    return report;
  };
  return {
    name: definition.name,
    schedule: definition.schedule,
    timezone: definition.timezone,
    run: async () => {
      await tick();
    },
    tick,
  };
}
