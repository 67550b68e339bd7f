import { createHash } from 'node:crypto';
import { PostgresAdapter, sql, type Kysely, type Transaction } from 'kysely';
import type { AuditEntry } from '../../core/ports/audit-log';
import type { Database } from './schema';

/** The chain's start: the hash before the first row. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * Serialises appends on PostgreSQL: a transaction-scoped advisory lock, so two writers never
 * chain to the same previous row. The number is arbitrary, fixed, and used for nothing else.
 */
const AUDIT_CHAIN_LOCK = 7_131_337;

/** The columns an audit row's digest covers, as stored. */
export interface AuditContent {
  at: string;
  actor: string;
  action: string;
  programme_id: string;
  subject_id: string | null;
  details: string;
}

/** SHA-256 (hex) of the row's stored fields, one JSON array so no field bleeds into another. */
export function digestAuditContent(row: AuditContent): string {
  return sha256(
    JSON.stringify([row.at, row.actor, row.action, row.programme_id, row.subject_id, row.details]),
  );
}

/** SHA-256 (hex) of the previous row's chain hash and this row's digest. */
export function chainHash(previous: string, contentDigest: string): string {
  return sha256(`${previous}\n${contentDigest}`);
}

/**
 * Appends one audit row chained to the last one. Inside the caller's transaction when given one
 * (so the row goes with the write it records), else in a transaction of its own.
 */
export async function appendAuditRow(
  db: Kysely<Database> | Transaction<Database>,
  entry: AuditEntry,
): Promise<void> {
  const run = async (trx: Kysely<Database>) => {
    if (trx.getExecutor().adapter instanceof PostgresAdapter) {
      await sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
    }
    const last = await trx
      .selectFrom('audit_log')
      .select('chain_hash')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    const content = toAuditRow(entry);
    const contentDigest = digestAuditContent(content);
    await trx
      .insertInto('audit_log')
      .values({
        ...content,
        content_digest: contentDigest,
        chain_hash: chainHash(last?.chain_hash ?? GENESIS_HASH, contentDigest),
      })
      .execute();
  };
  if (db.isTransaction) await run(db);
  else await db.transaction().execute(run);
}

/** The row of an audit entry, before it is chained. */
export function toAuditRow(entry: AuditEntry): AuditContent {
  return {
    at: entry.at.toISOString(),
    actor: entry.actor,
    action: entry.action,
    programme_id: entry.programmeId,
    subject_id: entry.subjectId,
    details: JSON.stringify(entry.details),
  };
}

/** The outcome of checking the chain: the first altered row, if any, and why. */
export type AuditChainReport =
  { ok: true; rows: number } | { ok: false; rows: number; id: number; reason: 'content' | 'chain' };

/**
 * Walks the audit log in order and checks each row's digest against its stored fields and its
 * chain hash against the previous row. A row rewritten by an erasure is accepted when a later,
 * intact erasure entry resealed it with exactly its new digest (`details.resealed`).
 */
export async function verifyAuditChain(db: Kysely<Database>): Promise<AuditChainReport> {
  const rows = await db.selectFrom('audit_log').selectAll().orderBy('id').execute();
  const resealed = new Map<number, Set<string>>();
  for (const row of rows) {
    if (row.action !== 'personalData.erasure') continue;
    const details = safeParse(row.details) as { resealed?: Record<string, string> } | undefined;
    for (const [id, digest] of Object.entries(details?.resealed ?? {})) {
      const set = resealed.get(Number(id)) ?? new Set<string>();
      set.add(digest);
      resealed.set(Number(id), set);
    }
  }
  let previous = GENESIS_HASH;
  for (const row of rows) {
    const id = Number(row.id);
    const digest = digestAuditContent(row);
    const stored = row.content_digest ?? '';
    if (digest !== stored && !(resealed.get(id)?.has(digest) ?? false)) {
      return { ok: false, rows: rows.length, id, reason: 'content' };
    }
    if (row.chain_hash !== chainHash(previous, stored)) {
      return { ok: false, rows: rows.length, id, reason: 'chain' };
    }
    previous = row.chain_hash;
  }
  return { ok: true, rows: rows.length };
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
