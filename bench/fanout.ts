/**
 * `npm run bench -- fanout [--messages N] [--database sqlite|postgres] [--instances K]
 * [--kill-halfway]`: N proactive cards
 * (10,000 by default) to N conversations of one tenant, through the fake Bot Connector enforcing
 * Teams' limits. The delivery worker runs in a child process (the bot's own wiring), so its
 * resident memory is its own; a naive sender (Promise.all over sendActivity) runs first, in the
 * same run and against the same fake, as the baseline. Prints JSON; a full default run also
 * writes bench/results/fanout.json.
 *
 * With `--instances K` (PostgreSQL), K worker processes share the database and the tenant, as
 * App Service instances do; the bound is still the tenant's 50 requests per second. With
 * `--kill-halfway`, the first worker is killed with SIGKILL once half the messages are delivered,
 * and the bench measures when the last message it held was delivered by another. A full run
 * writes bench/results/fanout-K-instances[-kill].json.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { SqlConversationStore } from '../src/adapters/sql/sql-conversation-store';
import { SqlOutboxStore } from '../src/adapters/sql/sql-outbox-store';
import type { OutboxMessage, OutboxPayload } from '../src/core/ports/outbox-store';
import { buildActivity } from '../src/delivery/build-activity';
import { ConnectorError } from '../src/delivery/connector-client';
import { createFetchConnectorClient } from '../src/delivery/create-fetch-connector-client';
import { TEAMS_RATE_LIMITS, type SlidingWindow } from '../src/delivery/teams-rate-limits';
import { HEARTBEAT_INTERVAL_MS } from '../src/instances/instance-heartbeat';
import { testDatabases } from '../test/contract/test-databases';
import type { ProcessGroup } from '../test/e2e/support/process-group';
import { FakeBotConnector } from '../test/fakes/fake-bot-connector';
import {
  openSharedDatabase,
  type SharedDatabase,
} from '../test/fault/support/open-shared-database';
import { killProcess, startScriptProcess } from '../test/fault/support/start-script-process';

/** The fanout: 10,000 cards to 10,000 conversations. */
const DEFAULT_MESSAGES = 10_000;
/** All recipients in one tenant, the bot's usual case and the tightest limit (50 requests/s). */
const TENANT = 'fanout-tenant';
/**
 * The naive sender's recipients are in a tenant of their own: its requests that time out on the
 * client can still reach the fake later, and must not eat the worker's budget.
 */
const NAIVE_TENANT = 'naive-tenant';
const BATCH = 'fanout';
/** The targets of the issue. */
const TARGET_MIN_RATIO = 0.9;
const TARGET_MAX_RSS_MB = 250;
/** The worker starts once the fake has had no request for this long (2 s > its 1 s tenant window). */
const QUIET_MS = 2_000;
/** How often the bench looks at the outbox while the worker sends. */
const POLL_MS = 250;
/** Rows written per statement batch when storing the conversations. */
const SEED_CHUNK = 100;

const WORKER_SCRIPT = join(__dirname, '..', 'test', 'fault', 'support', 'delivery-process.ts');
const RESULTS_FILE = join(__dirname, 'results', 'fanout.json');

interface Options {
  messages: number;
  database: 'sqlite' | 'postgres';
  instances: number;
  killHalfway: boolean;
}

function parseOptions(args: readonly string[]): Options {
  const options: Options = {
    messages: DEFAULT_MESSAGES,
    database: 'sqlite',
    instances: 1,
    killHalfway: false,
  };
  for (let i = 0; i < args.length; i += 1) {
    const value = args[i + 1];
    if (args[i] === '--messages' && value !== undefined && /^[1-9]\d*$/.test(value)) {
      options.messages = Number(value);
      i += 1;
    } else if (args[i] === '--database' && (value === 'sqlite' || value === 'postgres')) {
      options.database = value;
      i += 1;
    } else if (args[i] === '--instances' && value !== undefined && /^[1-9]$/.test(value)) {
      options.instances = Number(value);
      i += 1;
    } else if (args[i] === '--kill-halfway') {
      options.killHalfway = true;
    } else {
      throw new Error(
        `fanout: unknown option ${args[i]}; use --messages N, --database sqlite|postgres, ` +
          '--instances K and --kill-halfway',
      );
    }
  }
  if (options.instances > 1 && options.database !== 'postgres') {
    throw new Error('fanout: several instances need --database postgres (SQLite is one process)');
  }
  if (options.killHalfway && options.instances < 2) {
    throw new Error('fanout: --kill-halfway needs --instances 2 or more');
  }
  return options;
}

/**
 * Shortest time in which `requests` can all be accepted under one sliding window: `limit` at
 * once, then `limit` more each `windowMs` (10,000 at 50 per second: the last 50 go at 199 s).
 */
function windowSpanSeconds(requests: number, window: SlidingWindow): number {
  return (Math.max(0, Math.ceil(requests / window.limit) - 1) * window.windowMs) / 1_000;
}

/** The limit-bound minimum: the slowest of the tenant's windows and of one conversation's. */
function minimumSeconds(messages: number, conversations: number): number {
  const perConversation = Math.ceil(messages / conversations);
  return Math.max(
    ...TEAMS_RATE_LIMITS.perTenant.map((window) => windowSpanSeconds(messages, window)),
    ...TEAMS_RATE_LIMITS.perConversation.map((window) =>
      windowSpanSeconds(perConversation, window),
    ),
  );
}

/** A proactive card the size of a monthly check-in (about 1.5 KB). */
function checkinCard(index: number): OutboxPayload {
  return {
    kind: 'card',
    summary: 'Point mensuel de votre équipe',
    card: {
      type: 'AdaptiveCard',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      version: '1.5',
      body: [
        {
          type: 'TextBlock',
          text: 'Point mensuel — octobre 2026',
          weight: 'Bolder',
          size: 'Medium',
        },
        {
          type: 'TextBlock',
          wrap: true,
          text: 'Où en est l’expérimentation de votre équipe dans votre organisme ? Trois questions, deux minutes.',
        },
        {
          type: 'FactSet',
          facts: [
            { title: 'Équipe', value: `Équipe ${index}` },
            { title: 'Programme', value: 'Défi du Lab 2026' },
            { title: 'Réponse attendue avant', value: 'vendredi 9 octobre 2026' },
          ],
        },
        {
          type: 'Input.ChoiceSet',
          id: 'status',
          label: 'État',
          choices: [
            { title: 'En bonne voie', value: 'on-track' },
            { title: 'Ralenti', value: 'slowed' },
            { title: 'Bloqué', value: 'blocked' },
          ],
        },
        { type: 'Input.Text', id: 'note', label: 'En une phrase', isMultiline: true },
      ],
      actions: [
        {
          type: 'Action.Execute',
          title: 'Envoyer',
          verb: 'checkin.answer',
          data: { team: `team-${index}`, month: '2026-10' },
        },
      ],
    },
  };
}

/** Promise.all over sendActivity, no pacing and no retries: what a bot without an outbox does. */
async function runNaiveSender(connector: FakeBotConnector, messages: number) {
  const client = createFetchConnectorClient();
  const statuses = new Map<string, number>();
  const started = performance.now();
  const results = await Promise.all(
    Array.from({ length: messages }, async (_, index) => {
      const conversationId = `a:naive-${index}`;
      const activity = buildActivity(
        `naive:${index}`,
        checkinCard(index),
        conversationId,
        NAIVE_TENANT,
      );
      try {
        await client.sendActivity(connector.serviceUrl, conversationId, activity);
        return 'sent';
      } catch (error) {
        if (!(error instanceof ConnectorError)) return 'error';
        if (error.status !== undefined) return String(error.status);
        return error.cause instanceof Error && error.cause.name === 'TimeoutError'
          ? 'timeout'
          : 'network';
      }
    }),
  );
  const seconds = (performance.now() - started) / 1_000;
  for (const result of results) statuses.set(result, (statuses.get(result) ?? 0) + 1);
  const count = (outcome: string): number => statuses.get(outcome) ?? 0;
  const sent = count('sent');
  return {
    sent,
    throttled429: count('429'),
    failed503: count('503'),
    // No answer within the client's 30 s: 10,000 requests at once queue up on both sides.
    timeouts: count('timeout'),
    networkErrors: count('network'),
    otherErrors:
      messages - sent - count('429') - count('503') - count('timeout') - count('network'),
    lost: messages - sent,
    elapsedSeconds: round(seconds, 2),
  };
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

function lastEvent(group: ProcessGroup, name: string): Record<string, unknown> | undefined {
  const lines = group.outputTail().split('\n').reverse();
  for (const line of lines) {
    if (!line.startsWith('{')) continue;
    try {
      const event = JSON.parse(line) as Record<string, unknown>;
      if (event.event === name) return event;
    } catch {
      // A line cut by the tail's start.
    }
  }
  return undefined;
}

/** Runs the fanout benchmark and returns its figures (also printed by the dispatcher). */
export async function runFanoutBenchmark(
  args: readonly string[],
): Promise<Record<string, unknown>> {
  const options = parseOptions(args);
  if (options.instances > 1) return runInstancesBenchmark(options);
  const { messages } = options;
  const target = testDatabases().find((candidate) => candidate.name === options.database)!;
  const logDirectory = mkdtempSync(join(tmpdir(), 'labbot-fanout-'));
  // The fake enforces the very limits the bound below is computed from.
  const connector = new FakeBotConnector({
    seed: 1,
    threadWindows: TEAMS_RATE_LIMITS.perConversation,
    tenantWindows: TEAMS_RATE_LIMITS.perTenant,
  });
  await connector.start();
  const database = await openSharedDatabase(target);
  let worker: ProcessGroup | undefined;
  try {
    const naive = await runNaiveSender(connector, messages);
    // Requests the naive client gave up on may still be on their way to the fake.
    for (let seen = -1; seen !== connector.received.length;) {
      seen = connector.received.length;
      await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
    }

    const now = new Date();
    const conversations = new SqlConversationStore(database.handle.db);
    for (let start = 0; start < messages; start += SEED_CHUNK) {
      await Promise.all(
        Array.from({ length: Math.min(SEED_CHUNK, messages - start) }, (_, offset) =>
          conversations.upsert({
            conversationId: `a:fanout-${start + offset}`,
            scope: 'personal',
            serviceUrl: connector.serviceUrl,
            tenantId: TENANT,
            teamId: null,
            channelId: null,
            userAadId: `user-${start + offset}`,
            botId: '28:fanout-bot',
            locale: 'fr-FR',
            timezone: 'Europe/Paris',
            installedAt: now,
            updatedAt: now,
            uninstalledAt: null,
          }),
        ),
      );
    }
    const outbox = new SqlOutboxStore(database.handle.db);
    const queued: OutboxMessage[] = Array.from({ length: messages }, (_, index) => ({
      idempotencyKey: `checkin:2026-10:fanout-${index}:lead`,
      target: { kind: 'conversation', conversationId: `a:fanout-${index}` },
      payload: checkinCard(index),
      notBefore: now,
      batchId: BATCH,
    }));
    await outbox.enqueueMany(queued, now);
    const callsBefore = connector.received.length;

    worker = await startScriptProcess({
      name: 'fanout-worker',
      script: WORKER_SCRIPT,
      env: { ...database.env, DELIVERY_OWNER: 'fanout-worker' },
      logDirectory,
    });
    const startedAt = Number(lastEvent(worker, 'started')?.at);
    const deadline = Date.now() + minimumSeconds(messages, messages) * 3_000 + 60_000;
    for (;;) {
      const counts = await outbox.countByState(BATCH);
      if (counts.pending === 0) break;
      if (Date.now() > deadline) throw new Error(`fanout: still ${counts.pending} pending`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    await worker.stop();
    const memory = lastEvent(worker, 'stopped') ?? lastEvent(worker, 'memory') ?? {};
    const megabytes = (bytes: unknown): number => round(Number(bytes) / (1024 * 1024), 1);
    const peakRssMb = megabytes(memory.peakRss);

    // The worker's tenant only: a naive request that was slow to arrive must not count as its.
    const workerCalls = connector.received
      .slice(callsBefore)
      .filter((call) => call.tenantId === TENANT);
    const lastDelivery = Math.max(
      ...workerCalls.filter((call) => call.status === 201).map((call) => call.at),
    );
    const elapsedSeconds = (lastDelivery - startedAt) / 1_000;
    const delivered = new Set(
      [...connector.deliveriesByKey.keys()].filter((key) => key.startsWith('checkin:')),
    );
    const duplicates = [...connector.duplicates().keys()].filter((key) =>
      key.startsWith('checkin:'),
    ).length;
    const counts = await outbox.countByState(BATCH);
    const theoretical = minimumSeconds(messages, messages);
    const ratio = theoretical === 0 ? 1 : theoretical / elapsedSeconds;
    const result = {
      date: new Date().toISOString(),
      machine: { node: process.version, cpus: cpus().length },
      messages,
      conversations: messages,
      tenants: 1,
      database: options.database,
      limits: {
        perTenant: TEAMS_RATE_LIMITS.perTenant,
        perConversation: TEAMS_RATE_LIMITS.perConversation,
        fakeFailureRate: 0.01,
      },
      worker: {
        sent: counts.sent,
        failed: counts.failed,
        unreachable: counts.unreachable,
        delivered: delivered.size,
        duplicates,
        lost: messages - delivered.size,
        elapsedSeconds: round(elapsedSeconds, 2),
        theoreticalMinimumSeconds: theoretical,
        ratioToLimitBound: round(ratio, 4),
        messagesPerSecond: round(delivered.size / elapsedSeconds, 2),
        requests: workerCalls.length,
        throttled429: workerCalls.filter((call) => call.status === 429).length,
        failed503: workerCalls.filter((call) => call.status === 503).length,
        peakRssMb,
        // What the process held before sending anything (node, tsx, the bot's modules), and the
        // peak of live JavaScript objects: the rest of the peak is garbage not yet collected.
        startRssMb: megabytes(memory.startRss),
        peakHeapUsedMb: megabytes(memory.peakHeapUsed),
      },
      naive,
      targets: {
        zeroDuplicates: duplicates === 0,
        zeroLost: delivered.size === messages,
        atLeast90PercentOfLimitBound: ratio >= TARGET_MIN_RATIO,
        peakRssUnder250Mb: peakRssMb < TARGET_MAX_RSS_MB,
      },
    };
    if (messages === DEFAULT_MESSAGES && options.database === 'sqlite') {
      writeFileSync(RESULTS_FILE, `${JSON.stringify({ bench: 'fanout', ...result }, null, 2)}\n`);
    }
    return result;
  } finally {
    await worker?.stop();
    await connector.stop();
    await database.handle.close();
    rmSync(logDirectory, { recursive: true, force: true });
  }
}

/** The bot's heartbeat: a worker sees the others within this long. */
const INSTANCE_SETTLE_MS = HEARTBEAT_INTERVAL_MS + 1_000;
/** The bound for a survivor to finish a killed instance's messages. */
const TAKE_OVER_TARGET_SECONDS = 30;
/** The "at most a handful of 429s". */
const TARGET_MAX_429 = 5;
const TARGET_MIN_RATIO_SHARED = 0.95;
/** Messages become due this long after queueing starts, so queueing does not count as sending. */
const DUE_DELAY_MS = 15_000;

/** Stores the conversations and queues one card to each, due at `due`. */
async function seed(
  database: SharedDatabase,
  connector: FakeBotConnector,
  messages: number,
  due: Date,
): Promise<void> {
  const now = new Date();
  const conversations = new SqlConversationStore(database.handle.db);
  for (let start = 0; start < messages; start += SEED_CHUNK) {
    await Promise.all(
      Array.from({ length: Math.min(SEED_CHUNK, messages - start) }, (_, offset) =>
        conversations.upsert({
          conversationId: `a:fanout-${start + offset}`,
          scope: 'personal',
          serviceUrl: connector.serviceUrl,
          tenantId: TENANT,
          teamId: null,
          channelId: null,
          userAadId: `user-${start + offset}`,
          botId: '28:fanout-bot',
          locale: 'fr-FR',
          timezone: 'Europe/Paris',
          installedAt: now,
          updatedAt: now,
          uninstalledAt: null,
        }),
      ),
    );
  }
  const queued: OutboxMessage[] = Array.from({ length: messages }, (_, index) => ({
    idempotencyKey: `checkin:2026-10:fanout-${index}:lead`,
    target: { kind: 'conversation', conversationId: `a:fanout-${index}` },
    payload: checkinCard(index),
    notBefore: due,
    batchId: BATCH,
  }));
  await new SqlOutboxStore(database.handle.db).enqueueMany(queued, now);
}

/**
 * Several worker processes (the bot's wiring, default settings, the bot's 5 s heartbeat) on one
 * PostgreSQL database and one tenant; optionally the first one killed halfway.
 */
async function runInstancesBenchmark(options: Options): Promise<Record<string, unknown>> {
  const { messages, instances, killHalfway } = options;
  const target = testDatabases().find((candidate) => candidate.name === options.database)!;
  const logDirectory = mkdtempSync(join(tmpdir(), 'labbot-fanout-'));
  const connector = new FakeBotConnector({
    seed: 1,
    threadWindows: TEAMS_RATE_LIMITS.perConversation,
    tenantWindows: TEAMS_RATE_LIMITS.perTenant,
  });
  await connector.start();
  const database = await openSharedDatabase(target);
  const workers: ProcessGroup[] = [];
  try {
    workers.push(
      ...(await Promise.all(
        Array.from({ length: instances }, (_, index) =>
          startScriptProcess({
            name: `fanout-worker-${index + 1}`,
            script: WORKER_SCRIPT,
            env: { ...database.env, DELIVERY_OWNER: `fanout-worker-${index + 1}` },
            logDirectory,
          }),
        ),
      )),
    );
    // Every worker has seen the others at a heartbeat, as instances running before a send have.
    await new Promise((resolve) => setTimeout(resolve, INSTANCE_SETTLE_MS));
    const due = new Date(Date.now() + DUE_DELAY_MS);
    await seed(database, connector, messages, due);
    const outbox = new SqlOutboxStore(database.handle.db);

    let kill: { at: number; held: Set<string>; freedAt?: number } | undefined;
    const deadline = due.getTime() + minimumSeconds(messages, messages) * 3_000 + 60_000;
    for (;;) {
      const counts = await outbox.countByState(BATCH);
      if (counts.pending === 0) break;
      if (Date.now() > deadline) throw new Error(`fanout: still ${counts.pending} pending`);
      if (killHalfway && kill === undefined && counts.sent >= messages / 2) {
        const victim = workers[0]!;
        await killProcess(victim);
        const at = Date.now();
        const held = await sql<{ key: string }>`
          select key from outbox where state = 'pending' and lease_owner = ${victim.name}
        `.execute(database.handle.db);
        kill = { at, held: new Set(held.rows.map((row) => row.key)) };
      }
      if (kill !== undefined && kill.freedAt === undefined) {
        const stillHeld = await sql<{ held: string | number }>`
          select count(*) as held from outbox
          where state = 'pending' and lease_owner = ${workers[0]!.name}
        `.execute(database.handle.db);
        if (Number(stillHeld.rows[0]?.held) === 0) kill.freedAt = Date.now();
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    await Promise.all(workers.map((worker) => worker.stop()));

    const workerCalls = connector.received.filter((call) => call.tenantId === TENANT);
    const deliveries = workerCalls.filter((call) => call.status === 201);
    const lastDelivery = Math.max(...deliveries.map((call) => call.at));
    const elapsedSeconds = (lastDelivery - due.getTime()) / 1_000;
    const delivered = new Set(
      [...connector.deliveriesByKey.keys()].filter((key) => key.startsWith('checkin:')),
    );
    const duplicates = [...connector.duplicates().keys()].filter((key) =>
      key.startsWith('checkin:'),
    ).length;
    const counts = await outbox.countByState(BATCH);
    const theoretical = minimumSeconds(messages, messages);
    const ratio = theoretical / elapsedSeconds;
    const throttled429 = workerCalls.filter((call) => call.status === 429).length;
    let takeOver: Record<string, unknown> | undefined;
    if (kill !== undefined) {
      const { at, held } = kill;
      const heldDeliveries = deliveries.filter(
        (call) => call.idempotencyKey !== undefined && held.has(call.idempotencyKey),
      );
      const lastHeld = Math.max(at, ...heldDeliveries.map((call) => call.at));
      // When each held message was first tried again after the kill: the take-over itself. A
      // message answered 503 then waits for its retry behind the messages due before it.
      const firstTry = new Map<string, number>();
      for (const call of workerCalls) {
        const key = call.idempotencyKey;
        if (key !== undefined && held.has(key) && call.at > at && !firstTry.has(key)) {
          firstTry.set(key, call.at);
        }
      }
      const retriedHeld = new Set(
        workerCalls
          .filter((call) => call.at > at && call.status === 503)
          .map((call) => call.idempotencyKey)
          .filter((key) => key !== undefined && held.has(key)),
      );
      takeOver = {
        killedAfterDelivering: [...workerCalls].filter(
          (call) => call.at <= at && call.status === 201,
        ).length,
        heldByKilledInstance: held.size,
        freedSecondsAfterKill:
          kill.freedAt === undefined ? null : round((kill.freedAt - at) / 1_000, 2),
        allHeldTriedSecondsAfterKill: round((Math.max(at, ...firstTry.values()) - at) / 1_000, 2),
        heldAnswered503AfterKill: retriedHeld.size,
        lastHeldDeliveredSecondsAfterKill: round((lastHeld - at) / 1_000, 2),
        lastDeliverySecondsAfterKill: round((lastDelivery - at) / 1_000, 2),
      };
    }
    const result = {
      date: new Date().toISOString(),
      machine: { node: process.version, cpus: cpus().length },
      messages,
      conversations: messages,
      tenants: 1,
      database: options.database,
      instances,
      heartbeatMs: HEARTBEAT_INTERVAL_MS,
      limits: {
        perTenant: TEAMS_RATE_LIMITS.perTenant,
        perConversation: TEAMS_RATE_LIMITS.perConversation,
        fakeFailureRate: 0.01,
      },
      workers: {
        sent: counts.sent,
        failed: counts.failed,
        unreachable: counts.unreachable,
        delivered: delivered.size,
        duplicates,
        lost: messages - delivered.size,
        elapsedSeconds: round(elapsedSeconds, 2),
        theoreticalMinimumSeconds: theoretical,
        ratioToLimitBound: round(ratio, 4),
        messagesPerSecond: round(delivered.size / elapsedSeconds, 2),
        requests: workerCalls.length,
        throttled429,
        failed503: workerCalls.filter((call) => call.status === 503).length,
      },
      ...(takeOver === undefined ? {} : { killHalfway: takeOver }),
      targets: {
        zeroLost: delivered.size === messages,
        ...(kill === undefined
          ? {
              zeroDuplicates: duplicates === 0,
              atMostAHandfulOf429: throttled429 <= TARGET_MAX_429,
              atLeast95PercentOfLimitBound: ratio >= TARGET_MIN_RATIO_SHARED,
            }
          : {
              heldMessagesDeliveredWithin30sOfKill:
                Number(takeOver?.lastHeldDeliveredSecondsAfterKill) <= TAKE_OVER_TARGET_SECONDS,
            }),
      },
    };
    if (messages === DEFAULT_MESSAGES) {
      const file = join(
        __dirname,
        'results',
        `fanout-${instances}-instances${killHalfway ? '-kill' : ''}.json`,
      );
      writeFileSync(file, `${JSON.stringify({ bench: 'fanout', ...result }, null, 2)}\n`);
    }
    return result;
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
    await connector.stop();
    await database.handle.close();
    rmSync(logDirectory, { recursive: true, force: true });
  }
}
