/**
 * A sending process for fault tests and the fanout benchmark: the bot's own delivery wiring
 * (createDeliveryWorker) on the database named by the environment, and nothing else. It prints
 * one JSON line per event on stdout: `started`, then `memory` samples, then `stopped` after
 * SIGTERM. SIGKILL is the point of the fault tests, so nothing here relies on a clean exit.
 *
 * Environment: FAULT_SQLITE_PATH, or FAULT_DATABASE_URL with FAULT_SCHEMA; DELIVERY_OWNER;
 * optional DELIVERY_TUNING (JSON DeliveryTuning) and DELIVERY_LOG_LEVEL (warn by default).
 */
import pino from 'pino';
import { SqlConversationStore } from '../../../src/adapters/sql/sql-conversation-store';
import { SqlOutboxStore } from '../../../src/adapters/sql/sql-outbox-store';
import { systemClock } from '../../../src/core/ports/clock';
import {
  createDeliveryWorker,
  type DeliveryTuning,
} from '../../../src/delivery/create-delivery-worker';
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
  const worker = createDeliveryWorker({
    outbox: new SqlOutboxStore(database.db),
    conversations: new SqlConversationStore(database.db),
    clock: systemClock,
    owner,
    botId: '28:fault-bot',
    logger: createLogger(env.DELIVERY_LOG_LEVEL ?? 'warn', pino.destination(2)),
    tuning,
  });

  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, MEMORY_SAMPLE_MS);
  const reporter = setInterval(() => emit({ event: 'memory', peakRss }), MEMORY_REPORT_MS);

  process.once('SIGTERM', () => {
    void (async () => {
      await worker.stop();
      clearInterval(sampler);
      clearInterval(reporter);
      await database.close();
      emit({ event: 'stopped', peakRss });
      process.exit(0);
    })();
  });

  worker.start();
  emit({ event: 'started', pid: process.pid, owner, at: Date.now(), peakRss });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
