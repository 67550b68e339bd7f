import assert from 'node:assert/strict';
import { openDatabase, type DatabaseHandle } from '../../../src/adapters/sql/open-database';
import { SqlOutboxStore } from '../../../src/adapters/sql/sql-outbox-store';
import type { Clock } from '../../../src/core/ports/clock';
import type { OutboxMessage } from '../../../src/core/ports/outbox-store';
import { createFetchConnectorClient } from '../../../src/delivery/create-fetch-connector-client';
import { createRateLimiter } from '../../../src/delivery/create-rate-limiter';
import type { TargetResolver } from '../../../src/delivery/create-target-resolver';
import { UnreachableTargetError } from '../../../src/delivery/create-target-resolver';
import { DEFAULT_RETRY_POLICY } from '../../../src/delivery/decide-retry';
import {
  DeliveryWorker,
  type DeliveryOutcome,
  type DeliveryProgress,
  type DeliveryWorkerOptions,
} from '../../../src/delivery/delivery-worker';
import { FakeBotConnector, type FakeBotConnectorOptions } from '../../fakes/fake-bot-connector';

const TENANT = 'tenant-a';

/** Short backoffs so retries happen within a test; the decisions are the production ones. */
const FAST_RETRIES = {
  ...DEFAULT_RETRY_POLICY,
  baseDelayMs: 10,
  maxDelayMs: 50,
  throttleBaseDelayMs: 50,
  throttleMaxDelayMs: 200,
};

/** A reproducible random source for the jitter. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

interface Harness {
  connector: FakeBotConnector;
  store: SqlOutboxStore;
  outcomes: DeliveryOutcome[];
  progress: DeliveryProgress[];
  worker(overrides?: Partial<DeliveryWorkerOptions>): DeliveryWorker;
  /** Runs the worker until nothing is pending. */
  drain(worker: DeliveryWorker, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

async function createHarness(connectorOptions: FakeBotConnectorOptions = {}): Promise<Harness> {
  const database: DatabaseHandle = await openDatabase({ sqlitePath: ':memory:' });
  const connector = new FakeBotConnector({ failureRate: 0, ...connectorOptions });
  await connector.start();
  const store = new SqlOutboxStore(database.db);
  const outcomes: DeliveryOutcome[] = [];
  const progress: DeliveryProgress[] = [];
  const clock: Clock = { now: () => new Date() };
  const resolveTarget: TargetResolver = (target) =>
    Promise.resolve(
      target.kind === 'conversation'
        ? {
            serviceUrl: connector.serviceUrl,
            tenantId: TENANT,
            conversationId: target.conversationId,
          }
        : {
            serviceUrl: connector.serviceUrl,
            tenantId: target.kind === 'user' ? target.tenantId : TENANT,
            userAadId: target.userAadId,
          },
    );
  let workers = 0;
  return {
    connector,
    store,
    outcomes,
    progress,
    worker: (overrides = {}) =>
      new DeliveryWorker({
        store,
        connector: createFetchConnectorClient(),
        resolveTarget,
        clock,
        owner: `worker-${++workers}`,
        botId: '28:bot',
        random: seeded(workers),
        retryPolicy: FAST_RETRIES,
        onOutcome: (outcome) => outcomes.push(outcome),
        onProgress: (p) => progress.push(p),
        ...overrides,
      }),
    async drain(worker, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while ((await store.countByState()).pending > 0) {
        if (Date.now() > deadline) throw new Error('messages still pending');
        if ((await worker.runOnce()) === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async close() {
      await connector.stop();
      await database.close();
    },
  };
}

function messagesTo(conversations: number, perConversation = 1, batchId?: string): OutboxMessage[] {
  const messages: OutboxMessage[] = [];
  const start = Date.now() - 1_000;
  for (let c = 0; c < conversations; c += 1) {
    for (let m = 0; m < perConversation; m += 1) {
      messages.push({
        idempotencyKey: `checkin:2026-10:team-${c}:${m}`,
        target: { kind: 'conversation', conversationId: `19:team-${c}@thread.tacv2` },
        payload: { kind: 'text', text: `Message ${m}` },
        // One millisecond apart, so that they are due in the order they were written.
        notBefore: new Date(start + m),
        batchId: batchId ?? null,
      });
    }
  }
  return messages;
}

describe('DeliveryWorker', function () {
  this.timeout(30_000);
  let harness: Harness;

  afterEach(async () => {
    await harness.close();
  });

  it('delivers every message exactly once despite 1% of 503s, and records the Teams activity ids', async () => {
    harness = await createHarness({ failureRate: 0.01, seed: 3 });
    await harness.store.enqueueMany(messagesTo(120), new Date());
    await harness.drain(harness.worker());

    assert.equal(harness.connector.counters.delivered, 120);
    assert.equal(harness.connector.duplicates().size, 0);
    assert.deepEqual(await harness.store.countByState(), {
      pending: 0,
      sent: 120,
      failed: 0,
      unreachable: 0,
    });
    const delivered = harness.connector.received.filter((call) => call.status === 201);
    for (const call of delivered.slice(0, 10)) {
      const row = await harness.store.get(call.idempotencyKey ?? '');
      assert.equal(row?.activityId, call.activityId);
      assert.equal(row?.conversationId, call.conversationId);
    }
  });

  it('carries the idempotency key and the tenant in every activity', async () => {
    harness = await createHarness();
    await harness.store.enqueueMany(messagesTo(3), new Date());
    await harness.drain(harness.worker());
    for (const call of harness.connector.received) {
      assert.match(call.idempotencyKey ?? '', /^checkin:2026-10:team-\d:0$/);
      assert.equal(call.tenantId, TENANT);
      assert.equal(call.authorized, false);
    }
  });

  it('stays within the Teams limits on its own: no 429 for a burst to one conversation and to many', async () => {
    harness = await createHarness();
    await harness.store.enqueueMany([...messagesTo(1, 10), ...messagesTo(61).slice(1)], new Date());
    await harness.drain(harness.worker());
    assert.equal(harness.connector.counters.throttled, 0);
    assert.equal(harness.connector.counters.delivered, 70);
  });

  it('keeps the order of messages to one conversation', async () => {
    harness = await createHarness();
    await harness.store.enqueueMany(messagesTo(1, 12), new Date());
    await harness.drain(harness.worker());
    const texts = harness.connector.received.map((call) => call.body.text);
    assert.deepEqual(
      texts,
      Array.from({ length: 12 }, (_, i) => `Message ${i}`),
    );
  });

  it('waits for Retry-After after a 429 and holds back the whole tenant meanwhile', async () => {
    // The worker believes in looser limits than the connector enforces, as when another
    // instance spends part of the tenant's budget.
    harness = await createHarness({ tenantWindows: [{ limit: 10, windowMs: 1_000 }] });
    const loose = createRateLimiter({
      limits: {
        perConversation: [{ limit: 1_000, windowMs: 1_000 }],
        perTenant: [{ limit: 1_000, windowMs: 1_000 }],
      },
    });
    await harness.store.enqueueMany(messagesTo(25), new Date());
    await harness.drain(harness.worker({ limiter: loose }));

    assert.ok(harness.connector.counters.throttled > 0, 'the connector never throttled');
    assert.equal(harness.connector.counters.delivered, 25);
    assert.equal(harness.connector.duplicates().size, 0);
    const calls = harness.connector.received;
    const firstThrottle = calls.findIndex((call) => call.status === 429);
    const retryAfterMs = 1_000;
    // Requests already in flight when the 429 came back may land; none starts after it until Retry-After.
    const answeredAt = calls[firstThrottle]!.at;
    const nextAccepted = calls
      .slice(firstThrottle + 1)
      .find((call) => call.status === 201 && call.at > answeredAt + 50);
    assert.ok(nextAccepted === undefined || nextAccepted.at >= answeredAt + retryAfterMs - 50);
    const throttledRows = await Promise.all(
      calls
        .filter((call) => call.status === 429)
        .map((call) => harness.store.get(call.idempotencyKey ?? '')),
    );
    assert.ok(
      throttledRows.every((row) => row !== undefined && row.throttles >= 1 && row.attempts === 0),
    );
  });

  it('backs off with jitter when a 429 comes without Retry-After', async () => {
    harness = await createHarness({
      omitRetryAfter: true,
      threadWindows: [{ limit: 2, windowMs: 500 }],
    });
    const loose = createRateLimiter({
      limits: {
        perConversation: [{ limit: 1_000, windowMs: 1_000 }],
        perTenant: [{ limit: 1_000, windowMs: 1_000 }],
      },
    });
    await harness.store.enqueueMany(messagesTo(1, 6), new Date());
    await harness.drain(harness.worker({ limiter: loose }));
    assert.ok(harness.connector.counters.throttled > 0);
    assert.equal(harness.connector.counters.delivered, 6);
    assert.equal(harness.connector.duplicates().size, 0);
  });

  it('retries 503s with backoff until delivered', async () => {
    harness = await createHarness({ failureRate: 0.5, seed: 11 });
    await harness.store.enqueueMany(messagesTo(20), new Date());
    await harness.drain(harness.worker());
    assert.ok(harness.connector.counters.failed > 0);
    assert.equal(harness.connector.counters.delivered, 20);
    assert.equal(harness.connector.duplicates().size, 0);
    const retried = harness.outcomes.filter((o) => o.outcome === 'retry');
    assert.ok(retried.length > 0 && retried.every((o) => o.reason === '503 ServiceUnavailable'));
  });

  it('gives up after the allowed attempts when the connector keeps failing', async () => {
    harness = await createHarness({ failureRate: 1 });
    await harness.store.enqueueMany(messagesTo(2), new Date());
    await harness.drain(harness.worker({ retryPolicy: { ...FAST_RETRIES, maxAttempts: 3 } }));
    assert.deepEqual(await harness.store.countByState(), {
      pending: 0,
      sent: 0,
      failed: 2,
      unreachable: 0,
    });
    assert.equal(harness.connector.received.length, 6);
    const row = await harness.store.get('checkin:2026-10:team-0:0');
    assert.equal(row?.lastError, '503 after 3 attempts');
  });

  it('marks blocked and vanished conversations unreachable after one try, never retrying them', async () => {
    harness = await createHarness();
    harness.connector.block('19:team-0@thread.tacv2');
    harness.connector.block('19:team-1@thread.tacv2', 'ConversationBlockedByUser');
    harness.connector.forget('19:team-2@thread.tacv2');
    await harness.store.enqueueMany(messagesTo(4, 2), new Date());
    const worker = harness.worker();
    await harness.drain(worker);
    await worker.runOnce();

    assert.deepEqual(await harness.store.countByState(), {
      pending: 0,
      sent: 2,
      failed: 0,
      unreachable: 6,
    });
    // One request per unreachable message, none repeated.
    assert.equal(harness.connector.counters.blocked + harness.connector.counters.missing, 6);
    const reasons = (await harness.store.listUnreachable(10)).map((row) => row.lastError).sort();
    assert.deepEqual(reasons, [
      '403 ConversationBlockedByUser',
      '403 ConversationBlockedByUser',
      '403 MessageWritesBlocked',
      '403 MessageWritesBlocked',
      '404 ConversationNotFound',
      '404 ConversationNotFound',
    ]);
  });

  it('tells the e-mail fallback of each unreachable message once, after recording it', async () => {
    harness = await createHarness();
    harness.connector.block('19:team-0@thread.tacv2', 'ConversationBlockedByUser');
    await harness.store.enqueueMany(messagesTo(2), new Date());
    const told: { key: string; reason: string; state: string | undefined }[] = [];
    const store = harness.store;
    const worker = harness.worker({
      onUnreachable: async (row, reason) => {
        told.push({
          key: row.idempotencyKey,
          reason,
          state: (await store.get(row.idempotencyKey))?.state,
        });
      },
    });
    await harness.drain(worker);
    await worker.runOnce();

    assert.equal(told.length, 1);
    assert.equal(told[0]?.reason, '403 ConversationBlockedByUser');
    assert.equal(told[0]?.state, 'unreachable');
  });

  it('marks a target the bot cannot reach unreachable without calling Teams', async () => {
    harness = await createHarness();
    await harness.store.enqueueMany(messagesTo(1), new Date());
    const worker = harness.worker({
      resolveTarget: () =>
        Promise.reject(new UnreachableTargetError('bot uninstalled from conversation')),
    });
    await harness.drain(worker);
    assert.equal(harness.connector.received.length, 0);
    assert.equal(
      (await harness.store.listUnreachable(1))[0]?.lastError,
      'bot uninstalled from conversation',
    );
  });

  it('opens a 1:1 chat for a user target once, then sends there', async () => {
    harness = await createHarness();
    const target = {
      kind: 'user' as const,
      userAadId: 'aad-42',
      tenantId: 'tenant-b',
      teamId: '19:team@thread.tacv2',
    };
    await harness.store.enqueueMany(
      [1, 2].map((n) => ({
        idempotencyKey: `decision:defi-2026:cand-42:${n}`,
        target,
        payload: {
          kind: 'card' as const,
          card: { type: 'AdaptiveCard', version: '1.5', body: [] },
          summary: 'Décision',
        },
        notBefore: new Date(Date.now() - 1_000),
      })),
      new Date(),
    );
    await harness.drain(harness.worker());
    assert.equal(harness.connector.counters.created, 1);
    const chat = harness.connector.conversationIdFor('aad-42', 'tenant-b');
    assert.equal(harness.connector.deliveriesByConversation.get(chat), 2);
    assert.equal((await harness.store.get('decision:defi-2026:cand-42:1'))?.conversationId, chat);
    const sent = harness.connector.received.find((call) => call.path.endsWith('/activities'));
    assert.equal(sent?.tenantId, 'tenant-b');
    assert.equal(
      (sent?.body.attachments as { contentType: string }[])[0]?.contentType,
      'application/vnd.microsoft.card.adaptive',
    );
  });

  it('does not send a message before its not-before time', async () => {
    harness = await createHarness();
    await harness.store.enqueue(
      { ...messagesTo(1)[0]!, notBefore: new Date(Date.now() + 60_000) },
      new Date(),
    );
    assert.equal(await harness.worker().runOnce(), 0);
    assert.equal(harness.connector.received.length, 0);
  });

  it('reports the progress of a bulk send until its summary', async () => {
    harness = await createHarness();
    harness.connector.block('19:team-3@thread.tacv2');
    await harness.store.enqueueMany(messagesTo(30, 1, 'bulk:2026-10'), new Date());
    await harness.drain(harness.worker({ progressIntervalMs: 0 }));
    const reports = harness.progress.filter((p) => p.batchId === 'bulk:2026-10');
    assert.ok(reports.length > 1);
    assert.deepEqual(reports[reports.length - 1], {
      batchId: 'bulk:2026-10',
      sent: 29,
      failed: 1,
      unreachable: 1,
      pending: 0,
      total: 30,
    });
    const sentCounts = reports.map((p) => p.sent);
    assert.deepEqual(
      sentCounts,
      [...sentCounts].sort((a, b) => a - b),
    );
  });

  it('never sends twice when restarted after a stop, and releases what it had not sent', async () => {
    harness = await createHarness({ latencyMs: 20 });
    await harness.store.enqueueMany(messagesTo(4, 10), new Date());
    const first = harness.worker();
    first.start();
    while (harness.connector.counters.delivered < 5)
      await new Promise((resolve) => setTimeout(resolve, 5));
    await first.stop();
    const afterStop = await harness.store.countByState();
    assert.ok(afterStop.pending > 0, 'everything was sent before the stop');
    assert.equal(afterStop.sent, harness.connector.counters.delivered);

    await harness.drain(harness.worker());
    assert.equal(harness.connector.counters.delivered, 40);
    assert.equal(harness.connector.duplicates().size, 0);
  });

  it('lets another worker take over the messages of one that died holding them, once the lease runs out', async () => {
    harness = await createHarness();
    await harness.store.enqueueMany(messagesTo(5), new Date());
    // The dead worker claimed and vanished.
    assert.equal((await harness.store.claimDue(new Date(), 10, 'dead-worker', 200)).length, 5);
    const survivor = harness.worker();
    assert.equal(await survivor.runOnce(), 0);
    await new Promise((resolve) => setTimeout(resolve, 250));
    await harness.drain(survivor);
    assert.equal(harness.connector.counters.delivered, 5);
    assert.equal(harness.connector.duplicates().size, 0);
  });

  it('shows the one remaining duplicate case: Teams delivered but the answer was lost', async () => {
    // docs/delivery.md: the key in channelData is how such a duplicate is found.
    harness = await createHarness({ ambiguousFailureRate: 0.3, seed: 5 });
    await harness.store.enqueueMany(messagesTo(20), new Date());
    await harness.drain(harness.worker());
    assert.equal((await harness.store.countByState()).sent, 20);
    assert.ok(harness.connector.counters.ambiguous > 0);
    const extraDeliveries = [...harness.connector.duplicates().values()].reduce(
      (sum, n) => sum + n - 1,
      0,
    );
    assert.equal(extraDeliveries, harness.connector.counters.ambiguous);
  });

  it('keeps going when progress reporting throws', async () => {
    harness = await createHarness();
    await harness.store.enqueueMany(messagesTo(3, 1, 'bulk'), new Date());
    const errors: unknown[] = [];
    await harness.drain(
      harness.worker({
        onProgress: () => {
          throw new Error('card update failed');
        },
        onError: (error) => errors.push(error),
      }),
    );
    assert.equal(harness.connector.counters.delivered, 3);
    assert.ok(errors.length > 0);
  });
});
