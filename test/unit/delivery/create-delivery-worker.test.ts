import assert from 'node:assert/strict';
import { openDatabase, type DatabaseHandle } from '../../../src/adapters/sql/open-database';
import { SqlConversationStore } from '../../../src/adapters/sql/sql-conversation-store';
import { SqlOutboxStore } from '../../../src/adapters/sql/sql-outbox-store';
import { systemClock } from '../../../src/core/ports/clock';
import type { OutboxMessage } from '../../../src/core/ports/outbox-store';
import type { Language } from '../../../src/i18n/translate';
import { createDeliveryWorker } from '../../../src/delivery/create-delivery-worker';
import { startBulkSend, toProgressCardKey } from '../../../src/delivery/start-bulk-send';
import { createLogger } from '../../../src/logger';
import { FakeBotConnector, type ReceivedCall } from '../../fakes/fake-bot-connector';

/** Claims of 10 messages, so a send of 60 takes several rounds, each ending with a report. */
const BATCH_SIZE = 10;

describe('createDeliveryWorker', function () {
  this.timeout(30_000);
  let database: DatabaseHandle;
  let connector: FakeBotConnector;
  let outbox: SqlOutboxStore;
  let conversations: SqlConversationStore;

  beforeEach(async () => {
    database = await openDatabase({ sqlitePath: ':memory:' });
    outbox = new SqlOutboxStore(database.db);
    conversations = new SqlConversationStore(database.db);
    connector = new FakeBotConnector({ failureRate: 0 });
    await connector.start();
  });

  afterEach(async () => {
    await connector.stop();
    await database.close();
  });

  async function storeConversation(conversationId: string, locale: string): Promise<void> {
    const now = new Date();
    await conversations.upsert({
      conversationId,
      scope: 'personal',
      serviceUrl: connector.serviceUrl,
      tenantId: 'tenant-a',
      teamId: null,
      channelId: null,
      userAadId: conversationId.slice(2),
      botId: '28:bot',
      locale,
      timezone: 'Europe/Paris',
      installedAt: now,
      updatedAt: now,
      uninstalledAt: null,
    });
  }

  /** An admin sends `count` messages to as many people; returns the calls that touched the card. */
  async function bulkSend(count: number, language: Language, blocked = 0) {
    await storeConversation('a:admin', language === 'en' ? 'en-GB' : 'fr-FR');
    const messages: OutboxMessage[] = [];
    for (let i = 0; i < count; i += 1) {
      await storeConversation(`a:lead-${i}`, 'fr-FR');
      if (i < blocked) connector.block(`a:lead-${i}`);
      messages.push({
        idempotencyKey: `review:2026-12:team-${i}:lead`,
        target: { kind: 'conversation', conversationId: `a:lead-${i}` },
        payload: { kind: 'text', text: 'Bilan de décembre' },
        notBefore: new Date(),
      });
    }
    const label = language === 'en' ? 'December reviews' : 'Bilans de décembre';
    const now = new Date();
    await startBulkSend(
      outbox,
      { batchId: 'review:2026-12', adminConversationId: 'a:admin', language, label, messages },
      now,
    );

    const worker = createDeliveryWorker({
      outbox,
      conversations,
      clock: systemClock,
      owner: 'worker',
      botId: '28:bot',
      logger: createLogger('silent'),
      // Reports come from the ends of rounds only, so their number does not depend on timing.
      tuning: { batchSize: BATCH_SIZE, progressIntervalMs: 3_600_000, idlePollMs: 20 },
    });
    worker.start();
    const deadline = Date.now() + 20_000;
    while ((await outbox.countByState()).pending > 0) {
      assert.ok(Date.now() < deadline, 'messages still pending');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // Stopping waits for the card updates under way.
    await worker.stop();
    return connector.received.filter((call) => call.conversationId === 'a:admin');
  }

  function statusLines(call: ReceivedCall): string[] {
    const attachments = call.body.attachments as { content: { body: { text: string }[] } }[];
    return (attachments[0]?.content.body ?? []).slice(1).map((element) => element.text);
  }

  it('shows the admin a progress card updated in place until it ends with the summary', async () => {
    const calls = await bulkSend(60, 'fr', 2);

    const posts = calls.filter((call) => call.method === 'POST');
    assert.equal(posts.length, 1, 'one card');
    assert.equal(posts[0]?.idempotencyKey, toProgressCardKey('review:2026-12'));
    const activityId = (await outbox.get(toProgressCardKey('review:2026-12')))?.activityId;
    assert.equal(posts[0]?.activityId, activityId);

    const updates = calls.filter((call) => call.method === 'PUT');
    assert.ok(updates.length >= 1, 'the card was updated');
    assert.ok(updates.every((call) => call.status === 200 && call.activityId === activityId));
    assert.deepEqual(statusLines(updates[updates.length - 1]!), [
      'Envoi terminé\u00a0: 58 / 60 envoyés · 2 échecs',
      'Dont 2 destinataires injoignables\u00a0: application retirée ou bot bloqué.',
    ]);
    // At most one report per claimed round, one when the first message settles, one when the card is posted.
    const rounds = Math.ceil(61 / BATCH_SIZE);
    assert.ok(updates.length <= rounds + 2, `${updates.length} updates for ${rounds} rounds`);
    const sent = updates.map((call) => Number(/(\d+) \//.exec(statusLines(call)[0] ?? '')?.[1]));
    assert.deepEqual(
      sent,
      [...sent].sort((a, b) => a - b),
      'the numbers never go back',
    );
  });

  it('tells who asked of each message given up on, and of nothing sent', async () => {
    await storeConversation('a:manager', 'fr-FR');
    await storeConversation('a:colleague', 'fr-FR');
    // Not a "blocked" code: the Bot Connector refuses this message outright.
    connector.block('a:manager', 'BotDisabledByTenantAdmin');
    const now = new Date();
    for (const [key, conversationId] of [
      ['endorsement:defi:cand-1:1', 'a:manager'],
      ['welcome:defi:colleague', 'a:colleague'],
    ] as const) {
      await outbox.enqueue(
        {
          idempotencyKey: key,
          target: { kind: 'conversation', conversationId },
          payload: { kind: 'text', text: 'Votre avis est demandé' },
          notBefore: now,
        },
        now,
      );
    }
    const failed: string[] = [];
    const worker = createDeliveryWorker({
      outbox,
      conversations,
      clock: systemClock,
      owner: 'worker',
      botId: '28:bot',
      logger: createLogger('silent'),
      tuning: { batchSize: BATCH_SIZE, idlePollMs: 20 },
      onFailed: (key) => {
        failed.push(key);
        return Promise.resolve();
      },
    });
    worker.start();
    const deadline = Date.now() + 20_000;
    while ((await outbox.countByState()).pending > 0) {
      assert.ok(Date.now() < deadline, 'messages still pending');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await worker.stop();
    assert.equal((await outbox.get('endorsement:defi:cand-1:1'))?.state, 'failed');
    assert.deepEqual(failed, ['endorsement:defi:cand-1:1']);
  });

  it('speaks English to an English-speaking admin', async () => {
    const calls = await bulkSend(25, 'en');
    const updates = calls.filter((call) => call.method === 'PUT');
    assert.deepEqual(statusLines(updates[updates.length - 1]!), [
      'Sending finished: 25 / 25 sent · 0 failed',
    ]);
  });

  it('shows no card for a send of 20 messages', async () => {
    const calls = await bulkSend(20, 'fr');
    assert.deepEqual(calls, []);
    assert.equal(connector.counters.delivered, 20);
  });
});
