import type { Clock } from '../core/ports/clock';
import type { OutboxCounts, OutboxRow, OutboxStore } from '../core/ports/outbox-store';
import { toLanguage } from '../i18n/translate';
import { buildActivity } from './build-activity';
import { buildProgressCard, PROGRESS_LABEL_ID, type ProgressCounts } from './build-progress-card';
import { ConnectorError, type ConnectorClient } from './connector-client';
import type { RateLimiter } from './create-rate-limiter';
import type { TargetResolver } from './create-target-resolver';
import { decideRetry, DEFAULT_RETRY_POLICY, type RetryPolicy } from './decide-retry';
import type { DeliveryOutcome, DeliveryProgress } from './delivery-worker';
import type { RandomSource } from './random-source';
import { toProgressCardKey } from './start-bulk-send';

/**
 * Batches whose last drawn card is remembered, so an unchanged report costs no request. Past
 * this, the oldest are forgotten: at worst one identical redraw each.
 */
const MAX_TRACKED_BATCHES = 1_000;

const PROGRESS_KEY_PREFIX = toProgressCardKey('');

/** What the updater needs: the worker's store, connector and limiter, shared with the sends. */
export interface ProgressCardUpdaterOptions {
  outbox: OutboxStore;
  connector: ConnectorClient;
  resolveTarget: TargetResolver;
  /** The worker's limiter: card updates count against the same Teams limits as sends. */
  limiter: RateLimiter;
  clock: Clock;
  random?: RandomSource;
  retryPolicy?: RetryPolicy;
  onError?: (error: unknown) => void;
}

/** Hooks for the delivery worker, and a way to wait for updates in flight. */
export interface ProgressCardUpdater {
  /** The worker's onProgress: redraws the batch's card when its numbers changed. */
  onProgress(progress: DeliveryProgress): void;
  /** The worker's onOutcome: draws the latest numbers as soon as a progress card is posted. */
  onOutcome(outcome: DeliveryOutcome): void;
  /** Resolves once no update is under way (shutdown, tests). */
  idle(): Promise<void>;
}

interface BatchState {
  latest?: ProgressCounts;
  running?: Promise<void>;
  /** The card last drawn in Teams, as JSON. */
  shown?: string;
  /** Teams refused the card for good (admin blocked the bot, message deleted): stop trying. */
  abandoned?: boolean;
}

/**
 * Keeps each bulk send's progress card up to date with Teams' updateActivity: the card is an
 * outbox message whose activity id was recorded when it was posted. Reports for one batch are
 * drawn one at a time, the latest winning, and unchanged ones are skipped, so updates never
 * outnumber the worker's reports (one per 2 s and per claimed batch); the last shows the summary.
 */
export function createProgressCardUpdater(
  options: ProgressCardUpdaterOptions,
): ProgressCardUpdater {
  const { outbox, connector, limiter, clock } = options;
  const random = options.random ?? Math.random;
  const policy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
  const batches = new Map<string, BatchState>();
  const lookups = new Set<Promise<void>>();

  function stateOf(batchId: string): BatchState {
    let state = batches.get(batchId);
    if (state === undefined) {
      state = {};
      batches.set(batchId, state);
      for (const [id, old] of batches) {
        if (batches.size <= MAX_TRACKED_BATCHES) break;
        if (old.running === undefined) batches.delete(id);
      }
    }
    return state;
  }

  function report(batchId: string, counts: ProgressCounts): void {
    const state = stateOf(batchId);
    if (state.abandoned) return;
    state.latest = counts;
    state.running ??= drain(batchId, state).finally(() => {
      state.running = undefined;
    });
  }

  async function drain(batchId: string, state: BatchState): Promise<void> {
    for (let counts = state.latest; counts !== undefined; counts = state.latest) {
      state.latest = undefined;
      try {
        await draw(batchId, state, counts);
      } catch (error) {
        options.onError?.(error);
      }
    }
  }

  async function draw(batchId: string, state: BatchState, counts: ProgressCounts): Promise<void> {
    const row = await outbox.get(toProgressCardKey(batchId));
    // startBulkSend writes the card before the messages: none now means none ever (a small send).
    if (row === undefined) {
      state.abandoned = true;
      return;
    }
    // Not posted yet: its 'sent' outcome brings us back.
    if (row.state !== 'sent' || row.activityId === null || row.conversationId === null) return;
    if (row.payload.kind !== 'card') return;
    const { card, summary } = buildProgressCard({
      label: readLabel(row.payload.card),
      language: toLanguage(
        typeof row.payload.card.lang === 'string' ? row.payload.card.lang : null,
      ),
      counts,
    });
    const drawn = JSON.stringify(card);
    if (drawn === (state.shown ?? JSON.stringify(row.payload.card))) return;
    const target = await options.resolveTarget(row.target);
    const activity = buildActivity(
      row.idempotencyKey,
      { kind: 'card', card, summary },
      row.conversationId,
      target.tenantId || null,
    );
    if (!(await update(row, target.serviceUrl, target.tenantId, activity, state))) return;
    state.shown = drawn;
    // Another instance may have drawn the summary while these numbers were on their way, and
    // would have nothing left to report: look again, so the card still ends with the summary.
    if (counts.pending > 0 && state.latest === undefined) {
      const now = toCounts(await outbox.countByState(batchId));
      if (now.pending === 0) state.latest = now;
    }
  }

  /** Sends one update within the limits, retrying like a send; false if it was given up or superseded. */
  async function update(
    row: OutboxRow,
    serviceUrl: string,
    tenantId: string,
    activity: Record<string, unknown>,
    state: BatchState,
  ): Promise<boolean> {
    const conversationId = row.conversationId ?? '';
    const activityId = row.activityId ?? '';
    const history = { failures: 0, throttles: 0 };
    for (;;) {
      const now = clock.now().getTime();
      const decision = limiter.tryAcquire(tenantId, conversationId, now);
      if (!decision.granted) {
        await sleep(decision.retryAt - now);
        continue;
      }
      let error: ConnectorError;
      try {
        await connector.updateActivity(serviceUrl, conversationId, activityId, activity);
        return true;
      } catch (caught) {
        if (!(caught instanceof ConnectorError)) throw caught;
        error = caught;
      } finally {
        decision.slot.finish(clock.now().getTime());
      }
      const next = decideRetry(error, history, random, policy);
      if (next.action !== 'retry') {
        state.abandoned = true;
        options.onError?.(error);
        return false;
      }
      if (next.throttled) {
        // Same rule as sends: a 429 pauses the whole tenant.
        limiter.throttleTenant(tenantId, clock.now().getTime() + next.delayMs);
        history.throttles += 1;
      } else {
        history.failures += 1;
      }
      await sleep(next.delayMs);
      // A newer report is waiting: drawing it replaces this one.
      if (state.latest !== undefined) return false;
    }
  }

  return {
    onProgress: ({ batchId, sent, failed, unreachable, pending, total }) =>
      report(batchId, { sent, failed, unreachable, pending, total }),
    onOutcome: (outcome) => {
      if (outcome.outcome !== 'sent' || !outcome.key.startsWith(PROGRESS_KEY_PREFIX)) return;
      const batchId = outcome.key.slice(PROGRESS_KEY_PREFIX.length);
      const lookup = outbox
        .countByState(batchId)
        .then(
          (counts) => report(batchId, toCounts(counts)),
          (error: unknown) => options.onError?.(error),
        )
        .finally(() => lookups.delete(lookup));
      lookups.add(lookup);
    },
    idle: async () => {
      for (;;) {
        const running = [
          ...lookups,
          ...[...batches.values()].flatMap((state) =>
            state.running === undefined ? [] : [state.running],
          ),
        ];
        if (running.length === 0) return;
        await Promise.allSettled(running);
      }
    },
  };
}

/** The worker's way of counting: `failed` covers every message that will not arrive. */
function toCounts(counts: OutboxCounts): ProgressCounts {
  return {
    sent: counts.sent,
    failed: counts.failed + counts.unreachable,
    unreachable: counts.unreachable,
    pending: counts.pending,
    total: counts.pending + counts.sent + counts.failed + counts.unreachable,
  };
}

function readLabel(card: Record<string, unknown>): string {
  const body = Array.isArray(card.body) ? (card.body as Record<string, unknown>[]) : [];
  const label = body.find((element) => element.id === PROGRESS_LABEL_ID);
  return typeof label?.text === 'string' ? label.text : '';
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
