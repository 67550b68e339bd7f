/**
 * A bot process reduced to its scheduler, for the fault tests: one scheduled job on a real
 * node-cron tick every second, claiming occurrences in the database named by the environment
 * (see openDatabaseFromEnv). Each run is written to the `fault_executions` table the test made,
 * and queues its message in the outbox as a real job would. Prints `started` and, after
 * SIGTERM, `stopped` as JSON lines.
 *
 * What is due comes from stored state, as in the bot: nothing until the test writes the first
 * occurrence's time (epoch ms, a whole second) into `fault_schedule`; from then on
 * SCHEDULE_PER_SECOND occurrences are due every second. Environment: SCHEDULER_OWNER,
 * SCHEDULE_PER_SECOND.
 */
import pino from 'pino';
import { sql } from 'kysely';
import { SqlOccurrenceStore } from '../../../src/adapters/sql/sql-occurrence-store';
import { SqlOutboxStore } from '../../../src/adapters/sql/sql-outbox-store';
import type { Occurrence } from '../../../src/core/jobs/occurrence';
import { systemClock } from '../../../src/core/ports/clock';
import { createScheduledJob } from '../../../src/jobs/create-scheduled-job';
import { JobRegistry } from '../../../src/jobs/job-registry';
import { createLogger } from '../../../src/logger';
import { openDatabaseFromEnv } from './open-database-from-env';

/** Every second, so two processes contend for the same occurrences many times in a few seconds. */
const EVERY_SECOND = '* * * * * *';
/** Occurrences stay worth running for an hour: none expires during a test. */
const GRACE_MS = 3_600_000;

function emit(event: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(event)}\n`);
}

async function main(): Promise<void> {
  const env = process.env;
  const owner = env.SCHEDULER_OWNER ?? `scheduler-${process.pid}`;
  const perSecond = Number(env.SCHEDULE_PER_SECOND ?? 1);
  const database = await openDatabaseFromEnv(env);
  const outbox = new SqlOutboxStore(database.db);
  const logger = createLogger('warn', pino.destination(2));

  const job = createScheduledJob(
    {
      name: 'pulse',
      schedule: EVERY_SECOND,
      timezone: 'Europe/Paris',
      listOccurrences: async (now) => {
        const stored = await sql<{ origin: string | number }>`
          select origin from fault_schedule
        `.execute(database.db);
        const origin = Number(stored.rows[0]?.origin ?? Number.POSITIVE_INFINITY);
        const occurrences: Occurrence[] = [];
        for (let second = origin; second <= now.getTime(); second += 1_000) {
          for (let index = 0; index < perSecond; index += 1) {
            occurrences.push({
              key: `pulse:${second}:${index}`,
              dueAt: new Date(second),
              expiresAt: new Date(second + GRACE_MS),
            });
          }
        }
        return occurrences;
      },
      execute: async (occurrence) => {
        const now = systemClock.now();
        await sql`
          insert into fault_executions (occurrence_key, owner, executed_at)
          values (${occurrence.key}, ${owner}, ${now.toISOString()})
        `.execute(database.db);
        await outbox.enqueue(
          {
            idempotencyKey: occurrence.key,
            target: { kind: 'conversation', conversationId: 'a:fault-admin' },
            payload: { kind: 'text', text: `Occurrence ${occurrence.key}` },
            notBefore: now,
          },
          now,
        );
      },
    },
    { occurrences: new SqlOccurrenceStore(database.db), clock: systemClock, owner, logger },
  );
  const registry = new JobRegistry(logger);
  registry.register(job);

  process.once('SIGTERM', () => {
    void (async () => {
      await registry.stopAll();
      await database.close();
      emit({ event: 'stopped', owner });
      process.exit(0);
    })();
  });
  emit({ event: 'started', pid: process.pid, owner });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
