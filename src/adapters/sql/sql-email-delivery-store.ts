import type { Kysely, Selectable } from 'kysely';
import type {
  EmailCause,
  EmailDeliveryStore,
  EmailRequest,
  EmailRow,
  EmailState,
} from '../../core/ports/email-delivery-store';
import type { OutboxPayload } from '../../core/ports/outbox-store';
import type { Database } from './schema';
import { takeTurns } from './take-turns';

/** The e-mail fallback's table (migration 0015); timestamps are ISO text, the payload JSON text. */
export interface EmailDeliveryTable {
  key: string;
  recipient_aad_id: string;
  language: string;
  payload: string;
  cause: string;
  teams_reason: string | null;
  state: string;
  reason: string | null;
  attempts: number;
  throttles: number;
  next_attempt_at: string;
  lease_owner: string | null;
  lease_until: string | null;
  created_at: string;
  completed_at: string | null;
}

type EmailDatabase = Database & { email_deliveries: EmailDeliveryTable };

/** What a payload is once the e-mail is done: nothing kept of the message (docs/personal-data.md). */
export const EMPTIED_EMAIL_PAYLOAD = JSON.stringify({ kind: 'text', text: '' });

/** Reasons are Graph codes and short messages; the cap only guards against a runaway body. */
const MAX_REASON_LENGTH = 1_000;

/** Why a row left in `sending` is failed rather than sent again. */
export const INTERRUPTED_REASON =
  'interrupted during the send (the bot stopped): not sent again, so that nobody gets it twice';

function toRow(row: Selectable<EmailDeliveryTable>): EmailRow {
  return {
    idempotencyKey: row.key,
    recipientAadId: row.recipient_aad_id,
    language: row.language,
    payload: JSON.parse(row.payload) as OutboxPayload,
    cause: row.cause as EmailCause,
    teamsReason: row.teams_reason,
    state: row.state as EmailState,
    reason: row.reason,
    attempts: Number(row.attempts),
    throttles: Number(row.throttles),
    nextAttemptAt: new Date(row.next_attempt_at),
    leaseOwner: row.lease_owner,
    leaseUntil: row.lease_until === null ? null : new Date(row.lease_until),
    createdAt: new Date(row.created_at),
    completedAt: row.completed_at === null ? null : new Date(row.completed_at),
  };
}

function toInsert(
  request: EmailRequest,
  now: Date,
  state: 'pending' | 'skipped',
  reason: string | null,
): EmailDeliveryTable {
  return {
    key: request.idempotencyKey,
    recipient_aad_id: request.recipientAadId,
    language: request.language,
    payload: state === 'skipped' ? EMPTIED_EMAIL_PAYLOAD : JSON.stringify(request.payload),
    cause: request.cause,
    teams_reason: request.teamsReason?.slice(0, MAX_REASON_LENGTH) ?? null,
    state,
    reason: reason?.slice(0, MAX_REASON_LENGTH) ?? null,
    attempts: 0,
    throttles: 0,
    next_attempt_at: (request.notBefore ?? now).toISOString(),
    lease_owner: null,
    lease_until: null,
    created_at: now.toISOString(),
    completed_at: state === 'skipped' ? now.toISOString() : null,
  };
}

/**
 * The e-mail fallback's rows in SQL. A claim takes nothing while another owner holds a live
 * lease, so one instance sends at a time; on PostgreSQL claims take turns under an advisory lock,
 * SQLite runs one write at a time.
 */
export class SqlEmailDeliveryStore implements EmailDeliveryStore {
  private readonly db: Kysely<EmailDatabase>;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<{ email_deliveries: EmailDeliveryTable }>();
  }

  enqueue(request: EmailRequest, now: Date): Promise<boolean> {
    return this.insert(toInsert(request, now, 'pending', null));
  }

  recordSkipped(request: EmailRequest, reason: string, now: Date): Promise<boolean> {
    return this.insert(toInsert(request, now, 'skipped', reason));
  }

  async claimDue(
    now: Date,
    limit: number,
    leaseOwner: string,
    leaseMs: number,
  ): Promise<EmailRow[]> {
    return takeTurns(this.db, 'email_claim', (db) =>
      this.claim(db, now, limit, leaseOwner, leaseMs),
    );
  }

  private async claim(
    db: Kysely<EmailDatabase>,
    now: Date,
    limit: number,
    leaseOwner: string,
    leaseMs: number,
  ): Promise<EmailRow[]> {
    const nowText = now.toISOString();
    // A send whose owner's lease ran out in the middle: Graph may have taken it, so it is not sent again.
    await db
      .updateTable('email_deliveries')
      .set({
        state: 'failed',
        reason: INTERRUPTED_REASON,
        payload: EMPTIED_EMAIL_PAYLOAD,
        completed_at: nowText,
        lease_owner: null,
        lease_until: null,
      })
      .where('state', '=', 'sending')
      .where('lease_until', '<=', nowText)
      .execute();
    const held = await db
      .selectFrom('email_deliveries')
      .select('key')
      .where('state', 'in', ['pending', 'sending'])
      .where('lease_owner', 'is not', null)
      .where('lease_owner', '<>', leaseOwner)
      .where('lease_until', '>', nowText)
      .limit(1)
      .executeTakeFirst();
    if (held !== undefined) return [];
    const due = db
      .selectFrom('email_deliveries')
      .select('key')
      .where('state', '=', 'pending')
      .where('next_attempt_at', '<=', nowText)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', nowText)]))
      .orderBy('next_attempt_at')
      .orderBy('created_at')
      .orderBy('key')
      .limit(limit);
    const rows = await db
      .updateTable('email_deliveries')
      .set({
        lease_owner: leaseOwner,
        lease_until: new Date(now.getTime() + leaseMs).toISOString(),
      })
      .where('key', 'in', due)
      .returningAll()
      .execute();
    return rows
      .map(toRow)
      .sort(
        (a, b) =>
          a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() ||
          a.createdAt.getTime() - b.createdAt.getTime() ||
          (a.idempotencyKey < b.idempotencyKey ? -1 : 1),
      );
  }

  async markSending(key: string, leaseOwner: string): Promise<boolean> {
    const result = await this.db
      .updateTable('email_deliveries')
      .set({ state: 'sending' })
      .where('key', '=', key)
      .where('state', '=', 'pending')
      .where('lease_owner', '=', leaseOwner)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  markSent(key: string, leaseOwner: string, at: Date): Promise<boolean> {
    return this.complete(key, leaseOwner, 'sent', null, at);
  }

  markFailed(key: string, leaseOwner: string, reason: string, at: Date): Promise<boolean> {
    return this.complete(key, leaseOwner, 'failed', reason, at);
  }

  async markRetry(
    key: string,
    leaseOwner: string,
    nextAttemptAt: Date,
    reason: string,
    kind: 'failure' | 'throttle',
  ): Promise<boolean> {
    const column = kind === 'throttle' ? 'throttles' : 'attempts';
    const result = await this.db
      .updateTable('email_deliveries')
      .set((eb) => ({
        [column]: eb(column, '+', 1),
        state: 'pending',
        next_attempt_at: nextAttemptAt.toISOString(),
        reason: reason.slice(0, MAX_REASON_LENGTH),
        lease_owner: null,
        lease_until: null,
      }))
      .where('key', '=', key)
      .where('state', 'in', ['pending', 'sending'])
      .where('lease_owner', '=', leaseOwner)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async release(key: string, leaseOwner: string, nextAttemptAt: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('email_deliveries')
      .set({ next_attempt_at: nextAttemptAt.toISOString(), lease_owner: null, lease_until: null })
      .where('key', '=', key)
      .where('state', '=', 'pending')
      .where('lease_owner', '=', leaseOwner)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async get(key: string): Promise<EmailRow | undefined> {
    const row = await this.db
      .selectFrom('email_deliveries')
      .selectAll()
      .where('key', '=', key)
      .executeTakeFirst();
    return row === undefined ? undefined : toRow(row);
  }

  async listSince(since: Date, limit: number): Promise<EmailRow[]> {
    const rows = await this.db
      .selectFrom('email_deliveries')
      .selectAll()
      .where('created_at', '>=', since.toISOString())
      .orderBy('created_at')
      .orderBy('key')
      .limit(limit)
      .execute();
    return rows.map((row) => ({ ...toRow(row), payload: { kind: 'text', text: '' } }));
  }

  private async insert(values: EmailDeliveryTable): Promise<boolean> {
    const result = await this.db
      .insertInto('email_deliveries')
      .values(values)
      .onConflict((oc) => oc.column('key').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  private async complete(
    key: string,
    leaseOwner: string,
    state: 'sent' | 'failed',
    reason: string | null,
    at: Date,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('email_deliveries')
      .set({
        state,
        reason: reason?.slice(0, MAX_REASON_LENGTH) ?? null,
        // The message was only kept to be sent: nothing of it stays once it is done.
        payload: EMPTIED_EMAIL_PAYLOAD,
        completed_at: at.toISOString(),
        lease_owner: null,
        lease_until: null,
      })
      .where('key', '=', key)
      .where('state', 'in', ['pending', 'sending'])
      .where('lease_owner', '=', leaseOwner)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
