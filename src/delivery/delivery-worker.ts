import type { Clock } from '../core/ports/clock';
import type { OutboxRow, OutboxStore } from '../core/ports/outbox-store';
import { buildActivity } from './build-activity';
import { ConnectorError, type ConnectorClient } from './connector-client';
import { createRateLimiter, type RateLimiter, type Slot } from './create-rate-limiter';
import {
  UnreachableTargetError,
  type ResolvedTarget,
  type TargetResolver,
} from './create-target-resolver';
import {
  decideRetry,
  DEFAULT_RETRY_POLICY,
  type ConnectorFailure,
  type RetryPolicy,
} from './decide-retry';
import type { RandomSource } from './random-source';

/**
 * Messages claimed per round: 4 s of sending at Teams' 50 requests/s per tenant, so a crashed
 * instance strands few messages behind its lease, while claims stay rare next to sends.
 */
export const DEFAULT_CLAIM_BATCH = 200;

/**
 * Sends in flight at once. A Bot Connector call takes 100-300 ms, so 16 lanes can keep up with
 * the 50 requests/s a tenant allows; more would only queue behind the rate limiter.
 */
export const DEFAULT_CONCURRENCY = 16;

/** How long a claim holds: a crashed instance's messages are picked up by another after this. */
export const DEFAULT_LEASE_MS = 5 * 60_000;

/**
 * No send starts later than this before the lease ends: twice the connector's 30 s request
 * timeout, so every send finishes and is recorded while the lease is still ours. A send that
 * outlived its lease could be made again by the instance that claims the row next.
 */
export const LEASE_SAFETY_MS = 60_000;

/** Nothing due: look again after a second. Scheduled messages are due on the minute, so this loses nothing. */
export const IDLE_POLL_MS = 1_000;

/**
 * Progress of a bulk send is reported at most every 2 s: the progress card is one Teams
 * conversation (8 updates per 2 s at most) and nobody reads a counter faster.
 */
export const PROGRESS_INTERVAL_MS = 2_000;

/**
 * Recording a delivery is tried 3 times, 200 ms apart: a message Teams accepted but we failed to
 * record is the one case that can be delivered twice (docs/delivery.md), so a database hiccup
 * gets a second and third chance before the lease is left to expire.
 */
const MARK_SENT_ATTEMPTS = 3;
const MARK_SENT_RETRY_MS = 200;

/**
 * 1:1 conversations opened for users are remembered (Teams answers the same id every time) up to
 * this many; then the memory is dropped and rebuilt, which costs one extra call per user.
 */
const MAX_CACHED_CONVERSATIONS = 10_000;

/** Where one bulk send stands; `failed` counts every message that will not arrive, unreachable included. */
export interface DeliveryProgress {
  batchId: string;
  sent: number;
  failed: number;
  unreachable: number;
  pending: number;
  total: number;
}

/** What became of one message in one try, for logs and tests. */
export interface DeliveryOutcome {
  key: string;
  outcome: 'sent' | 'retry' | 'failed' | 'unreachable' | 'released';
  reason?: string;
}

/** What the worker needs; everything tunable has a documented default. */
export interface DeliveryWorkerOptions {
  store: OutboxStore;
  connector: ConnectorClient;
  resolveTarget: TargetResolver;
  clock: Clock;
  /** Unique per process: the lease owner written into claimed rows. */
  owner: string;
  /** The bot's id in Teams (`28:<app id>`), needed to open 1:1 chats. */
  botId: string;
  limiter?: RateLimiter;
  /** Jitter source; Math.random unless a test seeds one. */
  random?: RandomSource;
  retryPolicy?: RetryPolicy;
  batchSize?: number;
  concurrency?: number;
  leaseMs?: number;
  leaseSafetyMs?: number;
  idlePollMs?: number;
  progressIntervalMs?: number;
  /** Bulk-send progress, for the progress card. */
  onProgress?: (progress: DeliveryProgress) => void;
  /** Every outcome, for logs. */
  onOutcome?: (outcome: DeliveryOutcome) => void;
  /** Errors the worker survived (a database call failed); the affected lease simply expires. */
  onError?: (error: unknown) => void;
  /**
   * Told of each message Teams refused for good, once it is recorded unreachable: the e-mail
   * fallback sends it by e-mail (docs/graph.md). A failure here is reported through onError.
   */
  onUnreachable?: (row: OutboxRow, reason: string) => Promise<void>;
}

interface Lease {
  until: number;
}

/**
 * Sends what the outbox has due: claims rows with a lease, paces them with the rate limiter
 * (per conversation and per tenant, pausing a tenant after a 429), sends through the Bot
 * Connector, records the Teams activity id at once, and retries, fails or marks unreachable by
 * the retry policy. Messages to one conversation go out in order.
 */
export class DeliveryWorker {
  private readonly limiter: RateLimiter;
  private readonly random: RandomSource;
  private readonly policy: RetryPolicy;
  private readonly conversationCache = new Map<string, string>();
  private readonly progressDue = new Map<string, number>();
  private readonly dirtyBatches = new Set<string>();
  private readonly sleepers = new Set<() => void>();
  private stopping = false;
  private loop: Promise<void> | undefined;

  constructor(private readonly options: DeliveryWorkerOptions) {
    this.limiter = options.limiter ?? createRateLimiter();
    this.random = options.random ?? Math.random;
    this.policy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
  }

  /** Starts polling the outbox until stop(). */
  start(): void {
    if (this.loop !== undefined) return;
    this.stopping = false;
    this.loop = this.run();
  }

  /** Wakes an idle worker, e.g. right after a bulk send was queued. */
  wake(): void {
    for (const wake of [...this.sleepers]) wake();
  }

  /**
   * Stops: sends in flight finish and are recorded, claimed messages not yet sent are released
   * for any instance to take at once.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.loop;
    this.loop = undefined;
  }

  /** Claims one batch of due messages and processes it; returns how many were claimed. */
  async runOnce(): Promise<number> {
    const { store, clock, owner } = this.options;
    const leaseMs = this.options.leaseMs ?? DEFAULT_LEASE_MS;
    const now = clock.now();
    const rows = await store.claimDue(now, this.claimBatchSize(), owner, leaseMs);
    if (rows.length === 0) return 0;
    const lease: Lease = { until: now.getTime() + leaseMs };

    // One lane per conversation at a time keeps that conversation's messages in order.
    const groups = new Map<string, OutboxRow[]>();
    for (const row of rows) {
      const key = JSON.stringify(row.target);
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
    const queue = [...groups.values()];
    const lane = async (): Promise<void> => {
      for (let group = queue.shift(); group !== undefined; group = queue.shift()) {
        for (const row of group) await this.deliver(row, lease);
      }
    };
    const lanes = Math.min(queue.length, this.options.concurrency ?? DEFAULT_CONCURRENCY);
    await Promise.all(Array.from({ length: lanes }, lane));
    await this.reportProgress(true);
    return rows.length;
  }

  /** Messages claimed per round (a subclass sharing the tenant budget claims fewer). */
  protected claimBatchSize(): number {
    return this.options.batchSize ?? DEFAULT_CLAIM_BATCH;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let claimed = 0;
      try {
        claimed = await this.runOnce();
      } catch (error) {
        this.options.onError?.(error);
      }
      if (claimed === 0 && !this.stopping)
        await this.pause(this.options.idlePollMs ?? IDLE_POLL_MS);
    }
  }

  private async deliver(row: OutboxRow, lease: Lease): Promise<void> {
    const key = row.idempotencyKey;
    let tenantId = row.target.kind === 'user' ? row.target.tenantId : '';
    try {
      if (this.stopping) return await this.release(row, this.options.clock.now());
      let target: ResolvedTarget;
      try {
        target = await this.options.resolveTarget(row.target);
      } catch (error) {
        if (error instanceof UnreachableTargetError)
          return await this.unreachable(row, error.message);
        throw error;
      }
      tenantId = target.tenantId;
      let conversationId =
        target.conversationId ?? this.conversationCache.get(this.userKey(target));
      if (conversationId === undefined) {
        const slot = await this.waitForSlot(row, target.tenantId, undefined, lease);
        if (slot === undefined) return;
        conversationId = await this.finishing(slot, this.openConversation(target));
      }
      const slot = await this.waitForSlot(row, target.tenantId, conversationId, lease);
      if (slot === undefined) return;
      const activity = buildActivity(key, row.payload, conversationId, target.tenantId || null);
      const activityId = await this.finishing(
        slot,
        this.options.connector.sendActivity(target.serviceUrl, conversationId, activity),
      );
      await this.recordSent(row, activityId, conversationId);
    } catch (error) {
      await this.handleFailure(row, tenantId, error);
    }
  }

  /** Tells the limiter when the request's answer came back, whatever it was. */
  private async finishing<T>(slot: Slot, request: Promise<T>): Promise<T> {
    try {
      return await request;
    } finally {
      slot.finish(this.options.clock.now().getTime());
    }
  }

  private userKey(target: ResolvedTarget): string {
    return `${target.tenantId}\n${target.userAadId ?? ''}`;
  }

  private async openConversation(target: ResolvedTarget): Promise<string> {
    const conversationId = await this.options.connector.createConversation({
      serviceUrl: target.serviceUrl,
      tenantId: target.tenantId,
      botId: this.options.botId,
      userAadId: target.userAadId ?? '',
    });
    if (this.conversationCache.size >= MAX_CACHED_CONVERSATIONS) this.conversationCache.clear();
    this.conversationCache.set(this.userKey(target), conversationId);
    return conversationId;
  }

  /**
   * Waits until the limiter grants a slot; if that would run past the usable part of the lease
   * (or the worker stops), releases the row until then instead and returns undefined.
   */
  private async waitForSlot(
    row: OutboxRow,
    tenantId: string,
    conversationId: string | undefined,
    lease: Lease,
  ): Promise<Slot | undefined> {
    const safety = this.options.leaseSafetyMs ?? LEASE_SAFETY_MS;
    for (;;) {
      const now = this.options.clock.now().getTime();
      if (this.stopping || now > lease.until - safety) {
        await this.release(row, new Date(now));
        return undefined;
      }
      const decision = this.limiter.tryAcquire(tenantId, conversationId, now);
      if (decision.granted) return decision.slot;
      if (decision.retryAt > lease.until - safety) {
        await this.release(row, new Date(decision.retryAt));
        return undefined;
      }
      await this.pause(decision.retryAt - now);
    }
  }

  private async recordSent(
    row: OutboxRow,
    activityId: string,
    conversationId: string,
  ): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.options.store.markSent(
          row.idempotencyKey,
          { activityId, conversationId },
          this.options.clock.now(),
        );
        break;
      } catch (error) {
        if (attempt >= MARK_SENT_ATTEMPTS) {
          // Not a delivery failure: the message is in Teams. Report it and let the lease expire.
          this.options.onError?.(error);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, MARK_SENT_RETRY_MS));
      }
    }
    this.settled(row, { key: row.idempotencyKey, outcome: 'sent' });
  }

  private async handleFailure(row: OutboxRow, tenantId: string, error: unknown): Promise<void> {
    const failure: ConnectorFailure = error instanceof ConnectorError ? error : {};
    if (!(error instanceof ConnectorError)) this.options.onError?.(error);
    const decision = decideRetry(
      failure,
      { failures: row.attempts, throttles: row.throttles },
      this.random,
      this.policy,
    );
    const { store, clock, owner } = this.options;
    const now = clock.now();
    const key = row.idempotencyKey;
    try {
      if (decision.action === 'retry') {
        const retryAt = new Date(now.getTime() + decision.delayMs);
        // A 429 means the tenant as a whole is over its budget: every send to it waits.
        if (decision.throttled) this.limiter.throttleTenant(tenantId, retryAt.getTime());
        const reason =
          failure.status === undefined
            ? 'network error'
            : `${failure.status}${failure.code ? ` ${failure.code}` : ''}`;
        await store.markRetry(
          key,
          owner,
          retryAt,
          reason,
          decision.throttled ? 'throttle' : 'failure',
        );
        this.options.onOutcome?.({ key, outcome: 'retry', reason });
      } else if (decision.action === 'unreachable') {
        await this.unreachable(row, decision.reason);
      } else {
        await store.markFailed(key, owner, decision.reason, now);
        this.settled(row, { key, outcome: 'failed', reason: decision.reason });
      }
    } catch (storeError) {
      this.options.onError?.(storeError);
    }
  }

  private async unreachable(row: OutboxRow, reason: string): Promise<void> {
    const { store, clock, owner } = this.options;
    const recorded = await store.markUnreachable(row.idempotencyKey, owner, reason, clock.now());
    this.settled(row, { key: row.idempotencyKey, outcome: 'unreachable', reason });
    if (recorded && this.options.onUnreachable !== undefined) {
      try {
        await this.options.onUnreachable(row, reason);
      } catch (error) {
        this.options.onError?.(error);
      }
    }
  }

  private async release(row: OutboxRow, nextAttemptAt: Date): Promise<void> {
    await this.options.store.release(row.idempotencyKey, this.options.owner, nextAttemptAt);
    this.options.onOutcome?.({ key: row.idempotencyKey, outcome: 'released' });
  }

  private settled(row: OutboxRow, outcome: DeliveryOutcome): void {
    this.options.onOutcome?.(outcome);
    if (row.batchId === null || this.options.onProgress === undefined) return;
    this.dirtyBatches.add(row.batchId);
    const now = this.options.clock.now().getTime();
    if (now >= (this.progressDue.get(row.batchId) ?? 0)) {
      this.progressDue.set(
        row.batchId,
        now + (this.options.progressIntervalMs ?? PROGRESS_INTERVAL_MS),
      );
      void this.reportProgress(false, row.batchId);
    }
  }

  private async reportProgress(all: boolean, only?: string): Promise<void> {
    const onProgress = this.options.onProgress;
    if (onProgress === undefined) return;
    const batches = all ? [...this.dirtyBatches] : only === undefined ? [] : [only];
    for (const batchId of batches) {
      this.dirtyBatches.delete(batchId);
      try {
        const counts = await this.options.store.countByState(batchId);
        const total = counts.pending + counts.sent + counts.failed + counts.unreachable;
        onProgress({
          batchId,
          sent: counts.sent,
          failed: counts.failed + counts.unreachable,
          unreachable: counts.unreachable,
          pending: counts.pending,
          total,
        });
      } catch (error) {
        this.options.onError?.(error);
      }
    }
  }

  /** Sleeps, but wakes early on stop() or wake(). */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      this.sleepers.add(done);
    });
  }
}
