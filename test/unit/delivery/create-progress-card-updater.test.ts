import assert from 'node:assert/strict';
import { openDatabase, type DatabaseHandle } from '../../../src/adapters/sql/open-database';
import { SqlOutboxStore } from '../../../src/adapters/sql/sql-outbox-store';
import type { Clock } from '../../../src/core/ports/clock';
import type { OutboxMessage } from '../../../src/core/ports/outbox-store';
import {
  ConnectorError,
  type Activity,
  type ConnectorClient,
} from '../../../src/delivery/connector-client';
import {
  createProgressCardUpdater,
  type ProgressCardUpdater,
} from '../../../src/delivery/create-progress-card-updater';
import { createRateLimiter } from '../../../src/delivery/create-rate-limiter';
import { DEFAULT_RETRY_POLICY } from '../../../src/delivery/decide-retry';
import type { DeliveryProgress } from '../../../src/delivery/delivery-worker';
import { startBulkSend, toProgressCardKey } from '../../../src/delivery/start-bulk-send';

const BATCH = 'review:2026-12';
const CARD_KEY = toProgressCardKey(BATCH);
const clock: Clock = { now: () => new Date() };

/** Records card updates; can hold them back, or fail the next ones. */
class StubConnector implements ConnectorClient {
  readonly updates: { conversationId: string; activityId: string; activity: Activity }[] = [];
  calls = 0;
  failures: ConnectorError[] = [];
  private gate: Promise<void> | undefined;
  private open: (() => void) | undefined;

  hold(): void {
    this.gate = new Promise((resolve) => (this.open = resolve));
  }

  release(): void {
    this.open?.();
    this.gate = undefined;
  }

  createConversation(): Promise<string> {
    return Promise.reject(new Error('not used'));
  }

  sendActivity(): Promise<string> {
    return Promise.reject(new Error('not used'));
  }

  async updateActivity(
    _serviceUrl: string,
    conversationId: string,
    activityId: string,
    activity: Activity,
  ): Promise<void> {
    this.calls += 1;
    await this.gate;
    const failure = this.failures.shift();
    if (failure !== undefined) throw failure;
    this.updates.push({ conversationId, activityId, activity });
  }

  /** The status line of each card drawn, in order. */
  lines(): string[] {
    return this.updates.map(({ activity }) => {
      const card = (activity.attachments as { content: { body: { text: string }[] } }[])[0];
      return card?.content.body[1]?.text ?? '';
    });
  }
}

function reviews(count: number): OutboxMessage[] {
  return Array.from({ length: count }, (_, i) => ({
    idempotencyKey: `review:2026-12:team-${i}:lead`,
    target: { kind: 'conversation', conversationId: `a:lead-${i}` },
    payload: { kind: 'text', text: 'Bilan de décembre' },
    notBefore: new Date(Date.now() - 1_000),
  }));
}

function progress(sent: number, failed = 0): DeliveryProgress {
  return { batchId: BATCH, sent, failed, unreachable: 0, pending: 30 - sent - failed, total: 30 };
}

describe('createProgressCardUpdater', () => {
  let database: DatabaseHandle;
  let outbox: SqlOutboxStore;
  let connector: StubConnector;
  let updater: ProgressCardUpdater;
  const errors: unknown[] = [];

  beforeEach(async () => {
    database = await openDatabase({ sqlitePath: ':memory:' });
    outbox = new SqlOutboxStore(database.db);
    connector = new StubConnector();
    errors.length = 0;
    updater = createProgressCardUpdater({
      outbox,
      connector,
      resolveTarget: (target) =>
        Promise.resolve({
          serviceUrl: 'http://127.0.0.1:9/',
          tenantId: 'tenant-a',
          ...(target.kind === 'conversation' ? { conversationId: target.conversationId } : {}),
        }),
      limiter: createRateLimiter(),
      clock,
      random: () => 0.5,
      retryPolicy: { ...DEFAULT_RETRY_POLICY, baseDelayMs: 5, maxDelayMs: 20 },
      onError: (error) => errors.push(error),
    });
    await startBulkSend(
      outbox,
      {
        batchId: BATCH,
        adminConversationId: 'a:admin',
        language: 'fr',
        label: 'Bilans de décembre',
        messages: reviews(30),
      },
      new Date(Date.now() - 1_000),
    );
  });

  afterEach(async () => {
    connector.release();
    await updater.idle();
    await database.close();
  });

  /** The worker posts the card and records its activity id. */
  async function postCard(): Promise<void> {
    const [card] = await outbox.claimDue(new Date(), 1, 'worker', 60_000);
    assert.equal(card?.idempotencyKey, CARD_KEY);
    await outbox.markSent(
      CARD_KEY,
      { activityId: 'activity-1', conversationId: 'a:admin' },
      new Date(),
    );
  }

  it('redraws the posted card in place, and only when its numbers change', async () => {
    await postCard();
    updater.onProgress(progress(10));
    await updater.idle();
    updater.onProgress(progress(10));
    await updater.idle();
    updater.onProgress(progress(29, 1));
    await updater.idle();

    assert.deepEqual(connector.lines(), [
      'Envoi\u00a0: 10 / 30 · 0 échec',
      'Envoi terminé\u00a0: 29 / 30 envoyés · 1 échec',
    ]);
    assert.ok(connector.updates.every((u) => u.activityId === 'activity-1'));
    assert.ok(connector.updates.every((u) => u.conversationId === 'a:admin'));
  });

  it('draws only the latest of the reports that came during an update', async () => {
    await postCard();
    connector.hold();
    updater.onProgress(progress(1));
    updater.onProgress(progress(2));
    updater.onProgress(progress(3));
    connector.release();
    await updater.idle();
    assert.deepEqual(connector.lines(), [
      'Envoi\u00a0: 1 / 30 · 0 échec',
      'Envoi\u00a0: 3 / 30 · 0 échec',
    ]);
  });

  it('draws the current numbers as soon as the card is posted', async () => {
    updater.onProgress(progress(1));
    await updater.idle();
    assert.equal(connector.calls, 0, 'nothing to update before the card is in Teams');

    await postCard();
    for (const row of await outbox.claimDue(new Date(), 4, 'worker', 60_000)) {
      await outbox.markSent(
        row.idempotencyKey,
        { activityId: 'x', conversationId: 'y' },
        new Date(),
      );
    }
    updater.onOutcome({ key: CARD_KEY, outcome: 'sent' });
    await updater.idle();
    assert.deepEqual(connector.lines(), ['Envoi\u00a0: 4 / 30 · 0 échec']);
  });

  it('retries an update Teams could not take, and stops for good when Teams refuses the card', async () => {
    await postCard();
    connector.failures.push(new ConnectorError('503', { status: 503 }));
    updater.onProgress(progress(30));
    await updater.idle();
    assert.deepEqual(connector.lines(), ['Envoi terminé\u00a0: 30 / 30 envoyés · 0 échec']);

    connector.failures.push(
      new ConnectorError('403', { status: 403, code: 'MessageWritesBlocked' }),
    );
    updater.onProgress(progress(29, 1));
    await updater.idle();
    updater.onProgress(progress(28, 2));
    await updater.idle();
    assert.equal(connector.calls, 3, 'no update after the refusal');
    assert.equal(errors.length, 1);
  });

  it('ends with the summary when another instance finished the send during its update', async () => {
    await postCard();
    // The other instance sends the rest and draws its summary; this report was already late.
    for (const row of await outbox.claimDue(new Date(), 30, 'other-instance', 60_000)) {
      await outbox.markSent(
        row.idempotencyKey,
        { activityId: 'x', conversationId: 'y' },
        new Date(),
      );
    }
    updater.onProgress(progress(10));
    await updater.idle();
    assert.deepEqual(connector.lines(), [
      'Envoi\u00a0: 10 / 30 · 0 échec',
      'Envoi terminé\u00a0: 30 / 30 envoyés · 0 échec',
    ]);
  });

  it('leaves a send without a progress card alone', async () => {
    updater.onProgress({ ...progress(3), batchId: 'small-send' });
    await updater.idle();
    assert.equal(connector.calls, 0);
  });
});
