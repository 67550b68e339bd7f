import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { openDatabase, type DatabaseHandle } from '../../../src/adapters/sql/open-database';
import { SqlOutboxStore } from '../../../src/adapters/sql/sql-outbox-store';
import type { OutboxMessage } from '../../../src/core/ports/outbox-store';
import { createFetchConnectorClient } from '../../../src/delivery/create-fetch-connector-client';
import { createRateLimiter } from '../../../src/delivery/create-rate-limiter';
import { DEFAULT_RETRY_POLICY } from '../../../src/delivery/decide-retry';
import { DeliveryWorker, type DeliveryOutcome } from '../../../src/delivery/delivery-worker';
import { TEAMS_RATE_LIMITS } from '../../../src/delivery/teams-rate-limits';
import { testDatabaseUrl, testDatabases } from '../../contract/test-databases';
import { FakeBotConnector } from '../../fakes/fake-bot-connector';

/** A second connection pool on the same database, as a second bot process would open. */
async function openAgain(handle: DatabaseHandle): Promise<DatabaseHandle> {
  if (handle.dialect === 'postgres') {
    const result = await sql<{ schema: string }>`select current_schema() as schema`.execute(
      handle.db,
    );
    return openDatabase({
      databaseUrl: testDatabaseUrl(),
      sqlitePath: '',
      schema: result.rows[0]?.schema ?? '',
    });
  }
  const result = await sql<{
    file: string;
  }>`select file from pragma_database_list where name = 'main'`.execute(handle.db);
  return openDatabase({ sqlitePath: result.rows[0]?.file ?? '' });
}

for (const target of testDatabases()) {
  describe(`two delivery workers on one ${target.name} database`, function () {
    this.timeout(30_000);
    let first: DatabaseHandle;
    let second: DatabaseHandle;
    let connector: FakeBotConnector;

    beforeEach(async () => {
      first = await target.open();
      second = await openAgain(first);
      connector = new FakeBotConnector({ seed: 9 });
      await connector.start();
    });

    afterEach(async () => {
      await connector.stop();
      await second.close();
      await first.close();
    });

    it('deliver every message once between them, each keeping to its share of the tenant', async () => {
      const count = 150;
      const start = Date.now() - 1_000;
      const messages: OutboxMessage[] = Array.from({ length: count }, (_, i) => ({
        idempotencyKey: `review:2026-12:team-${i}:lead`,
        target: { kind: 'conversation', conversationId: `19:team-${i}@thread.tacv2` },
        payload: { kind: 'text', text: 'Bilan de décembre' },
        notBefore: new Date(start),
      }));
      await new SqlOutboxStore(first.db).enqueueMany(messages, new Date());

      const sentBy: number[] = [0, 0];
      const workers = [first, second].map(
        (handle, index) =>
          new DeliveryWorker({
            store: new SqlOutboxStore(handle.db),
            connector: createFetchConnectorClient(),
            resolveTarget: (t) =>
              Promise.resolve({
                serviceUrl: connector.serviceUrl,
                tenantId: 'tenant-a',
                conversationId: t.kind === 'conversation' ? t.conversationId : '',
              }),
            clock: { now: () => new Date() },
            owner: `instance-${index}`,
            botId: '28:bot',
            // Two instances, so each takes half of the tenant's 50 requests per second.
            limiter: createRateLimiter({
              limits: {
                perConversation: TEAMS_RATE_LIMITS.perConversation,
                perTenant: [{ limit: 25, windowMs: 1_000 }],
              },
            }),
            retryPolicy: { ...DEFAULT_RETRY_POLICY, baseDelayMs: 10, maxDelayMs: 50 },
            batchSize: 20,
            idlePollMs: 20,
            onOutcome: (outcome: DeliveryOutcome) => {
              if (outcome.outcome === 'sent') sentBy[index] = (sentBy[index] ?? 0) + 1;
            },
          }),
      );
      workers.forEach((worker) => worker.start());
      const store = new SqlOutboxStore(first.db);
      const deadline = Date.now() + 20_000;
      while ((await store.countByState()).sent < count && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await Promise.all(workers.map((worker) => worker.stop()));

      assert.deepEqual(await store.countByState(), {
        pending: 0,
        sent: count,
        failed: 0,
        unreachable: 0,
      });
      assert.equal(connector.counters.delivered, count);
      assert.equal(connector.duplicates().size, 0);
      assert.equal(connector.counters.throttled, 0);
      assert.ok(
        sentBy.every((sent) => sent > 0),
        `sent by each instance: ${sentBy.join(', ')}`,
      );
    });
  });
}
