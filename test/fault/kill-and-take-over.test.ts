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
import { DEFAULT_LEASE_MS } from '../../src/delivery/delivery-worker';
import { testDatabases } from '../contract/test-databases';
import type { ProcessGroup } from '../e2e/support/process-group';
import { FakeBotConnector } from '../fakes/fake-bot-connector';
import { openSharedDatabase, type SharedDatabase } from './support/open-shared-database';
import { startFreezableProxy, type FreezableProxy } from './support/start-freezable-proxy';
import { killProcess, startScriptProcess } from './support/start-script-process';
import { waitUntil } from './support/wait-until';

const MESSAGES = 2_000;
/** 8 tenants at 50 requests per second each: the send takes seconds, within every documented limit. */
const TENANTS = 8;
/** The bound: what a dead process held is delivered within 30 s of the restart or the kill. */
const TAKE_OVER_BOUND_MS = 30_000;
/** Heartbeats every half second on PostgreSQL, so a dead instance is found within about 2 s. */
const HEARTBEAT_MS = 500;

/**
 * The bot's lease (5 minutes, not shortened as in kill-during-bulk-send): only the instance
 * registry can hand the dead process's messages over within the bound. Short backoffs for the
 * seeded 503s; a generous request timeout so a busy machine does not time requests out.
 */
const TUNING: DeliveryTuning = {
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

const SCRIPT = join(__dirname, 'support', 'delivery-process.ts');

function keyOf(index: number): string {
  return `takeover:2026-10:conversation-${index}`;
}

const [sqlite, postgres] = testDatabases();

describe('a process killed in the middle of a bulk send, with the instance registry', function () {
  this.timeout(120_000);
  let database: SharedDatabase;
  let connector: FakeBotConnector;
  let proxy: FreezableProxy;
  let logDirectory: string;
  const processes: ProcessGroup[] = [];

  afterEach(async () => {
    await Promise.all(processes.splice(0).map((group) => group.stop()));
    await proxy.stop();
    await connector.stop();
    await database.handle.close();
    rmSync(logDirectory, { recursive: true, force: true });
  });

  async function prepare(target: typeof sqlite): Promise<void> {
    logDirectory = mkdtempSync(join(tmpdir(), 'labbot-fault-'));
    database = await openSharedDatabase(target!);
    connector = new FakeBotConnector({ seed: 11 });
    await connector.start();
    proxy = await startFreezableProxy(connector.serviceUrl);
    const conversations = new SqlConversationStore(database.handle.db);
    const now = new Date();
    for (let start = 0; start < MESSAGES; start += 100) {
      await Promise.all(
        Array.from({ length: Math.min(100, MESSAGES - start) }, (_, offset) => {
          const i = start + offset;
          return conversations.upsert({
            conversationId: `a:takeover-${i}`,
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
      target: { kind: 'conversation', conversationId: `a:takeover-${i}` },
      payload: { kind: 'text', text: `Bienvenue, message ${i}` },
      notBefore: now,
      batchId: 'takeover-batch',
    }));
    assert.equal(await new SqlOutboxStore(database.handle.db).enqueueMany(messages, now), MESSAGES);
  }

  async function startSender(owner: string): Promise<ProcessGroup> {
    const group = await startScriptProcess({
      name: owner,
      script: SCRIPT,
      env: {
        ...database.env,
        DELIVERY_OWNER: owner,
        DELIVERY_TUNING: JSON.stringify(TUNING),
        DELIVERY_HEARTBEAT_MS: String(HEARTBEAT_MS),
      },
      logDirectory,
    });
    processes.push(group);
    return group;
  }

  async function countHeldBy(owner: string): Promise<number> {
    const result = await sql<{ held: string | number }>`
      select count(*) as held from outbox
      where state = 'pending' and lease_owner = ${owner} and lease_until > ${new Date().toISOString()}
    `.execute(database.handle.db);
    return Number(result.rows[0]?.held ?? 0);
  }

  async function registeredInstances(): Promise<string[]> {
    const result = await sql<{ id: string }>`select id from instances order by id`.execute(
      database.handle.db,
    );
    return result.rows.map((row) => row.id);
  }

  /**
   * Kills `victim` with SIGKILL once `killAt` activities were posted, with sends in flight that
   * Teams never receives (the network goes quiet first) and every answer Teams gave recorded:
   * so any message delivered twice would be a lease taken over wrongly.
   */
  async function killMidSend(victim: ProcessGroup): Promise<void> {
    await proxy.idle();
    const outbox = new SqlOutboxStore(database.handle.db);
    await waitUntil(
      async () =>
        (await outbox.countByState('takeover-batch')).sent === connector.deliveriesByKey.size,
      30_000,
      'the deliveries Teams acknowledged to be recorded',
    );
    await killProcess(victim);
    proxy.thaw();
  }

  function freezeAt(killAt: number): Promise<void> {
    return new Promise<void>((resolve) =>
      proxy.onPosted(killAt, () => {
        proxy.freeze();
        resolve();
      }),
    );
  }

  async function assertAllDeliveredOnce(): Promise<void> {
    const counts = await new SqlOutboxStore(database.handle.db).countByState('takeover-batch');
    assert.deepEqual(counts, { pending: 0, sent: MESSAGES, failed: 0, unreachable: 0 });
    assert.equal(connector.deliveriesByKey.size, MESSAGES);
    assert.deepEqual([...connector.duplicates()], []);
  }

  async function waitForAllSent(what: string): Promise<number> {
    const outbox = new SqlOutboxStore(database.handle.db);
    const from = Date.now();
    await waitUntil(
      async () => (await outbox.countByState('takeover-batch')).pending === 0,
      TAKE_OVER_BOUND_MS,
      what,
    );
    return Date.now() - from;
  }

  it('on SQLite, the restarted process frees every lease at start: all sent at once, none twice', async () => {
    await prepare(sqlite);
    const halfway = freezeAt(1_100);
    const first = await startSender('first');
    await halfway;
    await killMidSend(first);
    const held = await countHeldBy('first');
    assert.ok(held > 0, 'the dead process holds leased messages');
    assert.deepEqual(await registeredInstances(), ['first'], 'a killed process cannot deregister');

    const restarted = await startSender('restarted');
    const reclaimed = await restarted.waitForOutput(/"event":"reclaimed".*?"outbox":(\d+)/, 5_000);
    assert.equal(Number(reclaimed[1]), held, 'every held message freed at start');
    const elapsed = await waitForAllSent('the restarted process to send everything');
    assert.ok(elapsed < DEFAULT_LEASE_MS, 'well before the dead lease would have run out');
    console.log(
      `      held by the dead process: ${held}; all sent ${elapsed} ms after the restart`,
    );

    await restarted.stop();
    assert.equal(await restarted.exited, 0);
    await assertAllDeliveredOnce();
    assert.deepEqual(await registeredInstances(), [], 'a stopped process deregisters');
  });

  it('on PostgreSQL, the surviving instance takes the dead one’s messages within a few heartbeats', async () => {
    await prepare(postgres);
    const halfway = freezeAt(800);
    const [victim, survivor] = await Promise.all([startSender('victim'), startSender('survivor')]);
    await halfway;
    await killMidSend(victim);
    const killedAt = Date.now();
    const held = await countHeldBy('victim');
    assert.ok(held > 0, 'the dead instance holds leased messages');

    const reclaimed = await survivor.waitForOutput(/"event":"reclaimed".*?"outbox":(\d+)/, 10_000);
    const freedAfter = Date.now() - killedAt;
    assert.equal(Number(reclaimed[1]), held, 'every message the dead instance held freed');
    assert.deepEqual(await registeredInstances(), ['survivor']);
    const elapsed = await waitForAllSent('the survivor to send what the dead instance held');
    console.log(
      `      held by the dead instance: ${held}; freed about ${freedAfter} ms after the kill; ` +
        `all sent ${freedAfter + elapsed} ms after it`,
    );
    await assertAllDeliveredOnce();
  });
});
