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
import { DEFAULT_CONCURRENCY } from '../../src/delivery/delivery-worker';
import { testDatabases } from '../contract/test-databases';
import type { ProcessGroup } from '../e2e/support/process-group';
import { FakeBotConnector } from '../fakes/fake-bot-connector';
import { openSharedDatabase, type SharedDatabase } from './support/open-shared-database';
import { startFreezableProxy, type FreezableProxy } from './support/start-freezable-proxy';
import { killProcess, startScriptProcess } from './support/start-script-process';
import { waitUntil } from './support/wait-until';

const MESSAGES = 2_000;
/**
 * The process dies when this many activities have been posted: the middle of the send, and of
 * the sixth batch of 200 it claimed, so it dies holding leases on messages it has not sent.
 */
const KILL_AT = 1_100;
/**
 * Recipients spread over 8 tenants: Teams allows 50 requests per second per tenant, so the send
 * takes 5 s rather than 40 s while every documented limit still applies.
 */
const TENANTS = 8;

/**
 * Short leases and backoffs so the restarted process takes over within seconds; a generous
 * request timeout, because a timed-out request that did arrive is the other at-least-once case
 * (docs/delivery.md) and a busy test machine must not trigger it.
 */
const TUNING: DeliveryTuning = {
  leaseMs: 4_000,
  leaseSafetyMs: 1_000,
  requestTimeoutMs: 10_000,
  idlePollMs: 100,
  retryPolicy: {
    ...DEFAULT_RETRY_POLICY,
    baseDelayMs: 50,
    maxDelayMs: 500,
    throttleBaseDelayMs: 100,
    throttleMaxDelayMs: 1_000,
  },
};

/** Time for a dead process's last bytes on loopback to be read by the proxy. */
const SETTLE_MS = 300;

const SCRIPT = join(__dirname, 'support', 'delivery-process.ts');

function keyOf(index: number): string {
  return `fault:2026-10:conversation-${index}`;
}

for (const target of testDatabases()) {
  describe(`a sending process killed in the middle of a bulk send (${target.name})`, function () {
    this.timeout(120_000);
    let database: SharedDatabase;
    let connector: FakeBotConnector;
    let proxy: FreezableProxy;
    let logDirectory: string;
    const processes: ProcessGroup[] = [];

    beforeEach(async () => {
      logDirectory = mkdtempSync(join(tmpdir(), 'labbot-fault-'));
      database = await openSharedDatabase(target);
      connector = new FakeBotConnector({ seed: 5 });
      await connector.start();
      proxy = await startFreezableProxy(connector.serviceUrl);
      await queueBulkSend();
    });

    afterEach(async () => {
      await Promise.all(processes.splice(0).map((group) => group.stop()));
      await proxy.stop();
      await connector.stop();
      await database.handle.close();
      rmSync(logDirectory, { recursive: true, force: true });
    });

    /** 2,000 personal chats stored with the proxy's service URL, one message queued to each. */
    async function queueBulkSend(): Promise<void> {
      const conversations = new SqlConversationStore(database.handle.db);
      const now = new Date();
      for (let start = 0; start < MESSAGES; start += 100) {
        await Promise.all(
          Array.from({ length: Math.min(100, MESSAGES - start) }, (_, offset) => {
            const i = start + offset;
            return conversations.upsert({
              conversationId: `a:fault-${i}`,
              scope: 'personal',
              serviceUrl: proxy.serviceUrl,
              tenantId: `tenant-${i % TENANTS}`,
              teamId: null,
              channelId: null,
              userAadId: `user-${i}`,
              botId: '28:fault-bot',
              locale: 'fr-FR',
              timezone: 'Europe/Paris',
              installedAt: now,
              updatedAt: now,
              uninstalledAt: null,
            });
          }),
        );
      }
      const messages: OutboxMessage[] = Array.from({ length: MESSAGES }, (_, i) => ({
        idempotencyKey: keyOf(i),
        target: { kind: 'conversation', conversationId: `a:fault-${i}` },
        payload: { kind: 'text', text: `Bilan d’octobre, message ${i}` },
        notBefore: now,
        batchId: 'fault-batch',
      }));
      assert.equal(
        await new SqlOutboxStore(database.handle.db).enqueueMany(messages, now),
        MESSAGES,
      );
    }

    async function startSender(owner: string): Promise<ProcessGroup> {
      const group = await startScriptProcess({
        name: owner,
        script: SCRIPT,
        env: {
          ...database.env,
          DELIVERY_OWNER: owner,
          DELIVERY_TUNING: JSON.stringify(TUNING),
        },
        logDirectory,
      });
      processes.push(group);
      return group;
    }

    async function countSent(): Promise<number> {
      return (await new SqlOutboxStore(database.handle.db).countByState('fault-batch')).sent;
    }

    async function countHeldBy(owner: string): Promise<number> {
      const result = await sql<{ held: string | number }>`
        select count(*) as held from outbox
        where state = 'pending' and lease_owner = ${owner} and lease_until > ${new Date().toISOString()}
      `.execute(database.handle.db);
      return Number(result.rows[0]?.held ?? 0);
    }

    async function finishWithNewProcess(): Promise<void> {
      const restarted = await startSender('restarted');
      const outbox = new SqlOutboxStore(database.handle.db);
      await waitUntil(
        async () => (await outbox.countByState('fault-batch')).pending === 0,
        60_000,
        'the restarted process to send what was left',
      );
      await restarted.stop();
      const counts = await outbox.countByState('fault-batch');
      assert.deepEqual(counts, { pending: 0, sent: MESSAGES, failed: 0, unreachable: 0 });
      for (let i = 0; i < MESSAGES; i += 1) {
        assert.ok(connector.deliveriesByKey.has(keyOf(i)), `${keyOf(i)} was never delivered`);
      }
    }

    it('delivers every message exactly once after a restart when the process dies with sends in flight', async () => {
      const halfway = new Promise<void>((resolve) =>
        proxy.onPosted(KILL_AT, () => {
          // The network goes quiet: later requests stay on their way, as if still being written.
          proxy.freeze();
          resolve();
        }),
      );
      const first = await startSender('first');
      await halfway;
      await proxy.idle();
      // Every message Teams accepted has been recorded: what is left is in flight or not started.
      await waitUntil(
        async () => (await countSent()) === connector.deliveriesByKey.size,
        30_000,
        'the deliveries Teams acknowledged to be recorded',
      );
      await killProcess(first);
      proxy.thaw();

      const delivered = connector.deliveriesByKey.size;
      assert.ok(delivered > 0 && delivered < MESSAGES, `killed after ${delivered} deliveries`);
      assert.ok((await countHeldBy('first')) > 0, 'the dead process still holds leased messages');

      await finishWithNewProcess();
      assert.deepEqual([...connector.duplicates()], []);
      assert.equal(connector.counters.delivered, MESSAGES);
    });

    it('sends again only messages Teams took while the process died, never one it had recorded', async () => {
      const sender: { group?: ProcessGroup; killWhenStarted?: boolean } = {};
      // SIGKILL at the very moment an activity is on its way to Teams, with others in flight.
      proxy.onPosted(KILL_AT, () => {
        if (sender.group === undefined) sender.killWhenStarted = true;
        else void killProcess(sender.group);
      });
      const victim = await startSender('victim');
      sender.group = victim;
      if (sender.killWhenStarted) await killProcess(victim);
      await victim.exited;
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      await proxy.idle();

      // Delivered but not recorded: the documented at-least-once window, at most one per lane.
      const outbox = new SqlOutboxStore(database.handle.db);
      const inDoubt = new Set<string>();
      for (const key of connector.deliveriesByKey.keys()) {
        if ((await outbox.get(key))?.state !== 'sent') inDoubt.add(key);
      }
      assert.ok(
        inDoubt.size <= DEFAULT_CONCURRENCY,
        `${inDoubt.size} messages in doubt, more than the ${DEFAULT_CONCURRENCY} sends in flight`,
      );

      await finishWithNewProcess();
      for (const key of connector.duplicates().keys()) {
        assert.ok(inDoubt.has(key), `${key} was recorded as sent and still sent again`);
      }
      assert.equal(connector.deliveriesByKey.size, MESSAGES);
    });
  });
}
