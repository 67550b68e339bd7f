import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { SqlConversationStore } from '../../src/adapters/sql/sql-conversation-store';
import { SqlOutboxStore } from '../../src/adapters/sql/sql-outbox-store';
import type { OutboxMessage } from '../../src/core/ports/outbox-store';
import type { DeliveryTuning } from '../../src/delivery/create-delivery-worker';
import { DEFAULT_RETRY_POLICY } from '../../src/delivery/decide-retry';
import { TENANT_LIMIT_PER_SECOND } from '../../src/delivery/teams-rate-limits';
import { testDatabases } from '../contract/test-databases';
import type { ProcessGroup } from '../e2e/support/process-group';
import { FakeBotConnector } from '../fakes/fake-bot-connector';
import { openSharedDatabase, type SharedDatabase } from './support/open-shared-database';
import { startScriptProcess } from './support/start-script-process';
import { waitUntil } from './support/wait-until';

/** 20 s of sending at the tenant's 50 requests per second, to one tenant. */
const MESSAGES = 1_000;
const TENANT = 'tenant-shared';
const HEARTBEAT_MS = 500;
/** A handful: what a heartbeat's delay in learning of the other instance may cost. */
const MAX_THROTTLED = 5;

const TUNING: DeliveryTuning = {
  requestTimeoutMs: 10_000,
  idlePollMs: 100,
  retryPolicy: { ...DEFAULT_RETRY_POLICY, baseDelayMs: 50, maxDelayMs: 500 },
};

const SCRIPT = join(__dirname, 'support', 'delivery-process.ts');
const postgres = testDatabases().find((target) => target.name === 'postgres');

/** The most requests that arrived in any `windowMs` (arrival times sorted). */
function busiestWindow(times: readonly number[], windowMs: number): number {
  let most = 0;
  let start = 0;
  for (let end = 0; end < times.length; end += 1) {
    while ((times[end] ?? 0) - (times[start] ?? 0) >= windowMs) start += 1;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

describe('two sending instances on one PostgreSQL database and one tenant', function () {
  this.timeout(120_000);
  let database: SharedDatabase;
  let connector: FakeBotConnector;
  let logDirectory: string;
  const processes: ProcessGroup[] = [];

  beforeEach(async () => {
    logDirectory = mkdtempSync(join(tmpdir(), 'labbot-fault-'));
    database = await openSharedDatabase(postgres!);
    connector = new FakeBotConnector({ seed: 3 });
    await connector.start();
  });

  afterEach(async () => {
    await Promise.all(processes.splice(0).map((group) => group.stop()));
    await connector.stop();
    await database.handle.close();
    rmSync(logDirectory, { recursive: true, force: true });
  });

  it('share the tenant’s 50 requests per second instead of aiming at 50 each', async () => {
    const senders = await Promise.all(
      ['instance-a', 'instance-b'].map((owner) =>
        startScriptProcess({
          name: owner,
          script: SCRIPT,
          env: {
            ...database.env,
            DELIVERY_OWNER: owner,
            DELIVERY_TUNING: JSON.stringify(TUNING),
            DELIVERY_HEARTBEAT_MS: String(HEARTBEAT_MS),
          },
          logDirectory,
        }),
      ),
    );
    processes.push(...senders);
    // Both registered and each has seen the other at a heartbeat.
    await new Promise((resolve) => setTimeout(resolve, 2 * HEARTBEAT_MS));
    const live = await sql<{ id: string }>`select id from instances order by id`.execute(
      database.handle.db,
    );
    assert.deepEqual(
      live.rows.map((row) => row.id),
      ['instance-a', 'instance-b'],
    );

    const conversations = new SqlConversationStore(database.handle.db);
    const now = new Date();
    for (let start = 0; start < MESSAGES; start += 100) {
      await Promise.all(
        Array.from({ length: 100 }, (_, offset) =>
          conversations.upsert({
            conversationId: `a:shared-${start + offset}`,
            scope: 'personal',
            serviceUrl: connector.serviceUrl,
            tenantId: TENANT,
            teamId: null,
            channelId: null,
            userAadId: `user-${start + offset}`,
            botId: '28:fault-bot',
            locale: 'fr-FR',
            timezone: 'Europe/Paris',
            installedAt: now,
            updatedAt: now,
            uninstalledAt: null,
          }),
        ),
      );
    }
    const messages: OutboxMessage[] = Array.from({ length: MESSAGES }, (_, i) => ({
      idempotencyKey: `shared:2026-10:${i}`,
      target: { kind: 'conversation', conversationId: `a:shared-${i}` },
      payload: { kind: 'text', text: `Point mensuel ${i}` },
      notBefore: now,
      batchId: 'shared-batch',
    }));
    const outbox = new SqlOutboxStore(database.handle.db);
    const queuedAt = Date.now();
    await outbox.enqueueMany(messages, now);
    await waitUntil(
      async () => (await outbox.countByState('shared-batch')).pending === 0,
      90_000,
      'both instances to send everything',
    );
    const elapsedMs = Date.now() - queuedAt;

    assert.deepEqual(await outbox.countByState('shared-batch'), {
      pending: 0,
      sent: MESSAGES,
      failed: 0,
      unreachable: 0,
    });
    assert.deepEqual([...connector.duplicates()], []);
    const arrivals = connector.received.filter((call) => call.tenantId === TENANT);
    const busiest = busiestWindow(
      arrivals.map((call) => call.at).sort((a, b) => a - b),
      TENANT_LIMIT_PER_SECOND.windowMs,
    );
    const boundMs =
      ((MESSAGES - TENANT_LIMIT_PER_SECOND.limit) / TENANT_LIMIT_PER_SECOND.limit) * 1_000;
    console.log(
      `      ${arrivals.length} requests, at most ${busiest} in any second, ` +
        `${connector.counters.throttled} answered 429; ${elapsedMs} ms for ${MESSAGES} ` +
        `(bound ${boundMs} ms: ${((100 * boundMs) / elapsedMs).toFixed(1)}% of the limit-bound throughput)`,
    );
    assert.ok(
      connector.counters.throttled <= MAX_THROTTLED,
      `${connector.counters.throttled} requests answered 429`,
    );
    assert.ok(busiest <= TENANT_LIMIT_PER_SECOND.limit + MAX_THROTTLED, `${busiest} in one second`);
  });
});
