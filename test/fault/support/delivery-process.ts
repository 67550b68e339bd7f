/**
 * A sending process for fault tests and the fanout benchmark: the bot's own delivery wiring
 * (createDeliveryWorker) on the database named by the environment, and nothing else. It prints
 * one JSON line per event on stdout: `started`, then `memory` samples (resident memory at start,
 * peak resident memory, peak heap in use), then `stopped` after SIGTERM. SIGKILL is the point of the fault tests, so nothing here relies on a clean exit.
 *
 * Like the bot, it registers in the instance registry with a heartbeat (which frees the leases of
 * dead instances, and every lease at start on SQLite) and shares the tenant budget with the other
 * live instances; it prints `reclaimed` when it freed leases.
 *
 * Environment: FAULT_SQLITE_PATH, or FAULT_DATABASE_URL with FAULT_SCHEMA; DELIVERY_OWNER;
 * optional DELIVERY_TUNING (JSON DeliveryTuning), DELIVERY_HEARTBEAT_MS (the bot's 5 s by
 * default) and DELIVERY_LOG_LEVEL (warn by default).
 */
import pino from 'pino';
import { SqlConversationStore } from '../../../src/adapters/sql/sql-conversation-store';
import { SqlInstanceRegistry } from '../../../src/adapters/sql/sql-instance-registry';
import { SqlOutboxStore } from '../../../src/adapters/sql/sql-outbox-store';
import { systemClock } from '../../../src/core/ports/clock';
import {
  createDeliveryWorker,
  type DeliveryTuning,
} from '../../../src/delivery/create-delivery-worker';
import { InstanceHeartbeat } from '../../../src/instances/instance-heartbeat';
import { createLogger } from '../../../src/logger';
import { openDatabaseFromEnv } from './open-database-from-env';

/** Resident memory is sampled this often: fine enough to catch the peak of a claimed batch. */
const MEMORY_SAMPLE_MS = 100;
/** A sample line is printed this often, so a killed process has reported its peak recently. */
const MEMORY_REPORT_MS = 1_000;

function emit(event: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(event)}\n`);
}

async function main(): Promise<void> {
  const env = process.env;
  const owner = env.DELIVERY_OWNER ?? `fault-${process.pid}`;
  const tuning = JSON.parse(env.DELIVERY_TUNING ?? '{}') as DeliveryTuning;
  const database = await openDatabaseFromEnv(env);
  const instances = new SqlInstanceRegistry(database.db);
  const logger = createLogger(env.DELIVERY_LOG_LEVEL ?? 'warn', pino.destination(2));
  const worker = createDeliveryWorker({
    outbox: new SqlOutboxStore(database.db),
    conversations: new SqlConversationStore(database.db),
    clock: systemClock,
    owner,
    botId: '28:fault-bot',
    logger,
    tenantPauses: instances,
    tuning,
  });
  const heartbeat = new InstanceHeartbeat({
    registry: instances,
    id: owner,
    clock: systemClock,
    ...(env.DELIVERY_HEARTBEAT_MS === undefined
      ? {}
      : { intervalMs: Number(env.DELIVERY_HEARTBEAT_MS) }),
    exclusive: database.dialect === 'sqlite',
    onLiveInstances: (count) => worker.shareTenantBudget(count),
    onReclaimed: (reclaimed) => emit({ event: 'reclaimed', at: Date.now(), ...reclaimed }),
    onError: (error) => logger.warn({ err: error }, 'instance heartbeat failed'),
  });

  const startRss = process.memoryUsage().rss;
  let peakRss = startRss;
  let peakHeapUsed = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeapUsed = Math.max(peakHeapUsed, usage.heapUsed);
  }, MEMORY_SAMPLE_MS);
  const reporter = setInterval(
    () => emit({ event: 'memory', startRss, peakRss, peakHeapUsed }),
    MEMORY_REPORT_MS,
  );

  process.once('SIGTERM', () => {
    void (async () => {
      await worker.stop();
      await heartbeat.stop();
      clearInterval(sampler);
      clearInterval(reporter);
      await database.close();
      emit({ event: 'stopped', startRss, peakRss, peakHeapUsed });
      process.exit(0);
    })();
  });

  await heartbeat.start();
  worker.start();
  emit({ event: 'started', pid: process.pid, owner, at: Date.now(), startRss });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
