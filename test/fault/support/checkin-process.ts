/**
 * A bot process reduced to the follow-up job and, on request, delivery, for the fault test of a
 * scheduler killed in the middle of an occurrence: the real follow-up job (monthly check-ins)
 * on a real node-cron tick every second, with the bot's instance registry and heartbeat, on the
 * database named by the environment (see openDatabaseFromEnv). The job sees the time FAULT_NOW
 * (so the month's check-ins are due whatever the day the test runs); heartbeats and delivery use
 * the real time. Prints `started` and, after SIGTERM, `stopped` as JSON lines.
 *
 * Environment: SCHEDULER_OWNER; FAULT_NOW; FAULT_HANG_AFTER=n (the n-th occurrence hangs after
 * its work, before it is recorded done, and the process prints `hung`: a kill then lands in the
 * middle of that occurrence); FAULT_DELIVERY=1 to run the delivery worker too;
 * DELIVERY_HEARTBEAT_MS.
 */
import pino from 'pino';
import { createFollowUpDeps } from '../../../src/adapters/sql/create-follow-up-deps';
import { SqlInstanceRegistry } from '../../../src/adapters/sql/sql-instance-registry';
import { SqlOccurrenceStore } from '../../../src/adapters/sql/sql-occurrence-store';
import { SqlOutboxStore } from '../../../src/adapters/sql/sql-outbox-store';
import { OutboxNotifier } from '../../../src/adapters/teams/notices/outbox-notifier';
import { systemClock, type Clock } from '../../../src/core/ports/clock';
import { createDeliveryWorker } from '../../../src/delivery/create-delivery-worker';
import { DEFAULT_RETRY_POLICY } from '../../../src/delivery/decide-retry';
import { createFollowUpRenderers } from '../../../src/features/follow-up/follow-up-notices';
import { InstanceHeartbeat } from '../../../src/instances/instance-heartbeat';
import { createFollowUpJob } from '../../../src/jobs/create-follow-up-job';
import { createScheduledJob } from '../../../src/jobs/create-scheduled-job';
import { JobRegistry } from '../../../src/jobs/job-registry';
import { createLogger } from '../../../src/logger';
import { openDatabaseFromEnv } from './open-database-from-env';

const EVERY_SECOND = '* * * * * *';

function emit(event: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(event)}\n`);
}

async function main(): Promise<void> {
  const env = process.env;
  const owner = env.SCHEDULER_OWNER ?? `scheduler-${process.pid}`;
  const jobNow = new Date(env.FAULT_NOW ?? '2026-10-01T07:30:00Z');
  const jobClock: Clock = { now: () => new Date(jobNow) };
  const hangAfter = Number(env.FAULT_HANG_AFTER ?? 0);
  let executed = 0;
  const database = await openDatabaseFromEnv(env);
  const logger = createLogger('warn', pino.destination(2));
  const outbox = new SqlOutboxStore(database.db);
  const followUp = createFollowUpDeps(database.db, { clock: jobClock, labAdminIds: [] });
  const notifier = new OutboxNotifier(
    outbox,
    followUp.conversations,
    createFollowUpRenderers(),
    jobClock,
  );
  const definition = createFollowUpJob({ ...followUp, notifier, logger });
  const job = createScheduledJob(
    {
      ...definition,
      schedule: EVERY_SECOND,
      execute: async (occurrence) => {
        await definition.execute(occurrence);
        executed += 1;
        if (executed === hangAfter) {
          emit({ event: 'hung', key: occurrence.key });
          await new Promise(() => undefined);
        }
      },
    },
    { occurrences: new SqlOccurrenceStore(database.db), clock: jobClock, owner, logger },
  );

  const instances = new SqlInstanceRegistry(database.db);
  const delivery =
    env.FAULT_DELIVERY === '1'
      ? createDeliveryWorker({
          outbox,
          conversations: followUp.conversations,
          clock: systemClock,
          owner,
          botId: '28:fault-bot',
          logger,
          tenantPauses: instances,
          tuning: {
            idlePollMs: 100,
            retryPolicy: { ...DEFAULT_RETRY_POLICY, baseDelayMs: 50, maxDelayMs: 500 },
          },
        })
      : undefined;
  const heartbeat = new InstanceHeartbeat({
    registry: instances,
    id: owner,
    clock: systemClock,
    ...(env.DELIVERY_HEARTBEAT_MS === undefined
      ? {}
      : { intervalMs: Number(env.DELIVERY_HEARTBEAT_MS) }),
    exclusive: database.dialect === 'sqlite',
    onLiveInstances: (count) => delivery?.shareTenantBudget(count),
    onReclaimed: (reclaimed) => emit({ event: 'reclaimed', at: Date.now(), ...reclaimed }),
    onError: (error) => logger.warn({ err: error }, 'instance heartbeat failed'),
  });
  await heartbeat.start();
  const registry = new JobRegistry(logger);
  registry.register(job);
  delivery?.start();

  process.once('SIGTERM', () => {
    void (async () => {
      await registry.stopAll();
      await delivery?.stop();
      await heartbeat.stop();
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
