import { PostgresAdapter, type Kysely, type Selectable } from 'kysely';
import type {
  OutboxCounts,
  OutboxMessage,
  OutboxRow,
  OutboxState,
  OutboxStore,
  RetryKind,
} from '../../core/ports/outbox-store';
import type { Database } from './schema';
import { takeTurns } from './take-turns';

/** The outbox table (migration 0002); timestamps are ISO text, target and payload JSON text. */
export interface OutboxTable {
  key: string;
  batch_id: string | null;
  target: string;
  payload: string;
  state: string;
  not_before: string;
  next_attempt_at: string;
  attempts: number;
  throttles: number;
  lease_owner: string | null;
  lease_until: string | null;
  conversation_id: string | null;
  activity_id: string | null;
  last_error: string | null;
  created_at: string;
  completed_at: string | null;
}

type OutboxDatabase = Database & { outbox: OutboxTable };

/** 16 columns per row: 100 rows stay far below SQLite's and PostgreSQL's bound-parameter limits. */
const INSERT_CHUNK = 100;

/** Error texts are Bot Connector codes and short messages; the cap only guards against a runaway body. */
const MAX_ERROR_LENGTH = 2_000;

function toRow(row: Selectable<OutboxTable>): OutboxRow {
  return {
    idempotencyKey: row.key,
    batchId: row.batch_id,
    target: JSON.parse(row.target) as OutboxRow['target'],
    payload: JSON.parse(row.payload) as OutboxRow['payload'],
    state: row.state as OutboxState,
    notBefore: new Date(row.not_before),
    nextAttemptAt: new Date(row.next_attempt_at),
    attempts: Number(row.attempts),
    throttles: Number(row.throttles),
    leaseOwner: row.lease_owner,
    leaseUntil: row.lease_until === null ? null : new Date(row.lease_until),
    conversationId: row.conversation_id,
    activityId: row.activity_id,
    lastError: row.last_error,
    createdAt: new Date(row.created_at),
    completedAt: row.completed_at === null ? null : new Date(row.completed_at),
  };
}

function toInsert(message: OutboxMessage, now: Date): OutboxTable {
  const notBefore = message.notBefore.toISOString();
  return {
    key: message.idempotencyKey,
    batch_id: message.batchId ?? null,
    target: JSON.stringify(message.target),
    payload: JSON.stringify(message.payload),
    state: 'pending',
    not_before: notBefore,
    next_attempt_at: notBefore,
    attempts: 0,
    throttles: 0,
    lease_owner: null,
    lease_until: null,
    conversation_id: null,
    activity_id: null,
    last_error: null,
    created_at: now.toISOString(),
    completed_at: null,
  };
}

/**
 * The outbox in SQL. A claim is one UPDATE over a sub-select of due rows whose target no other
 * owner holds; on PostgreSQL claims take turns under an advisory lock (and the sub-select skips
 * locked rows), SQLite runs one write statement at a time, which makes it just as atomic.
 */
export class SqlOutboxStore implements OutboxStore {
  private readonly db: Kysely<OutboxDatabase>;
  private readonly postgres: boolean;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<{ outbox: OutboxTable }>();
    this.postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  }

  async enqueue(message: OutboxMessage, now: Date): Promise<boolean> {
    const result = await this.db
      .insertInto('outbox')
      .values(toInsert(message, now))
      .onConflict((oc) => oc.column('key').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async enqueueMany(messages: readonly OutboxMessage[], now: Date): Promise<number> {
    const unique = [...new Map(messages.map((m) => [m.idempotencyKey, m])).values()];
    let inserted = 0;
    for (let start = 0; start < unique.length; start += INSERT_CHUNK) {
      const result = await this.db
        .insertInto('outbox')
        .values(unique.slice(start, start + INSERT_CHUNK).map((m) => toInsert(m, now)))
        .onConflict((oc) => oc.column('key').doNothing())
        .executeTakeFirst();
      inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
    }
    return inserted;
  }

  async claimDue(
    now: Date,
    limit: number,
    leaseOwner: string,
    leaseMs: number,
  ): Promise<OutboxRow[]> {
    // Claims on PostgreSQL take turns, so each sees the leases the previous one committed and a
    // conversation never goes to two instances. A claim is one short statement per 200
    // messages, so the turns cost little.
    return takeTurns(this.db, 'outbox_claim', (db) =>
      this.claim(db, now, limit, leaseOwner, leaseMs),
    );
  }

  /**
   * Leases due rows, skipping those to a conversation (a target) another owner holds a live
   * lease in: a conversation's messages are sent by one instance at a time, in order, and its
   * Teams windows are paced by that instance alone.
   */
  private async claim(
    db: Kysely<OutboxDatabase>,
    now: Date,
    limit: number,
    leaseOwner: string,
    leaseMs: number,
  ): Promise<OutboxRow[]> {
    const nowText = now.toISOString();
    const heldElsewhere = db
      .selectFrom('outbox as held')
      .select('held.target')
      .where('held.state', '=', 'pending')
      .where('held.lease_owner', 'is not', null)
      .where('held.lease_owner', '<>', leaseOwner)
      .where('held.lease_until', '>', nowText);
    const due = db
      .selectFrom('outbox')
      .select('key')
      .where('state', '=', 'pending')
      .where('next_attempt_at', '<=', nowText)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', nowText)]))
      .where('target', 'not in', heldElsewhere)
      // In the order messages were first due: a retry keeps its place in line, so it goes as
      // soon as its backoff ends rather than behind everything queued after it.
      .orderBy('not_before')
      .orderBy('created_at')
      .orderBy('key')
      .limit(limit)
      .$if(this.postgres, (qb) => qb.forUpdate().skipLocked());
    const rows = await db
      .updateTable('outbox')
      .set({
        lease_owner: leaseOwner,
        lease_until: new Date(now.getTime() + leaseMs).toISOString(),
      })
      .where('key', 'in', due)
      .returningAll()
      .execute();
    // RETURNING gives no order; the worker wants the first due first.
    return rows
      .map(toRow)
      .sort(
        (a, b) =>
          a.notBefore.getTime() - b.notBefore.getTime() ||
          a.createdAt.getTime() - b.createdAt.getTime() ||
          (a.idempotencyKey < b.idempotencyKey ? -1 : a.idempotencyKey > b.idempotencyKey ? 1 : 0),
      );
  }

  async markSent(
    key: string,
    delivery: { activityId: string; conversationId: string },
    at: Date,
  ): Promise<boolean> {
    // Any owner may record a delivery: once Teams has the message, forgetting that is the worst outcome.
    const result = await this.db
      .updateTable('outbox')
      .set({
        state: 'sent',
        activity_id: delivery.activityId,
        conversation_id: delivery.conversationId,
        completed_at: at.toISOString(),
        lease_owner: null,
        lease_until: null,
        last_error: null,
      })
      .where('key', '=', key)
      .where('state', '=', 'pending')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async markRetry(
    key: string,
    leaseOwner: string,
    nextAttemptAt: Date,
    error: string,
    kind: RetryKind,
  ): Promise<boolean> {
    const column = kind === 'throttle' ? 'throttles' : 'attempts';
    const result = await this.db
      .updateTable('outbox')
      .set((eb) => ({
        [column]: eb(column, '+', 1),
        next_attempt_at: nextAttemptAt.toISOString(),
        last_error: error.slice(0, MAX_ERROR_LENGTH),
        lease_owner: null,
        lease_until: null,
      }))
      .where('key', '=', key)
      .where('state', '=', 'pending')
      .where('lease_owner', '=', leaseOwner)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async release(key: string, leaseOwner: string, nextAttemptAt: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('outbox')
      .set({ next_attempt_at: nextAttemptAt.toISOString(), lease_owner: null, lease_until: null })
      .where('key', '=', key)
      .where('state', '=', 'pending')
      .where('lease_owner', '=', leaseOwner)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  markFailed(key: string, leaseOwner: string, error: string, at: Date): Promise<boolean> {
    return this.complete(key, leaseOwner, 'failed', error, at);
  }

  markUnreachable(key: string, leaseOwner: string, error: string, at: Date): Promise<boolean> {
    return this.complete(key, leaseOwner, 'unreachable', error, at);
  }

  async get(key: string): Promise<OutboxRow | undefined> {
    const row = await this.db
      .selectFrom('outbox')
      .selectAll()
      .where('key', '=', key)
      .executeTakeFirst();
    return row === undefined ? undefined : toRow(row);
  }

  async countByState(batchId?: string): Promise<OutboxCounts> {
    const rows = await this.db
      .selectFrom('outbox')
      .select((eb) => ['state', eb.fn.countAll<string | number>().as('count')])
      .$if(batchId !== undefined, (qb) => qb.where('batch_id', '=', batchId ?? null))
      .groupBy('state')
      .execute();
    const counts: OutboxCounts = { pending: 0, sent: 0, failed: 0, unreachable: 0 };
    for (const row of rows) {
      if (row.state in counts) counts[row.state as OutboxState] = Number(row.count);
    }
    return counts;
  }

  async listUnreachable(limit: number): Promise<OutboxRow[]> {
    const rows = await this.db
      .selectFrom('outbox')
      .selectAll()
      .where('state', '=', 'unreachable')
      .orderBy('completed_at', 'desc')
      .orderBy('key')
      .limit(limit)
      .execute();
    return rows.map(toRow);
  }

  private async complete(
    key: string,
    leaseOwner: string,
    state: 'failed' | 'unreachable',
    error: string,
    at: Date,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('outbox')
      .set({
        state,
        last_error: error.slice(0, MAX_ERROR_LENGTH),
        completed_at: at.toISOString(),
        lease_owner: null,
        lease_until: null,
      })
      .where('key', '=', key)
      .where('state', '=', 'pending')
      .where('lease_owner', '=', leaseOwner)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
