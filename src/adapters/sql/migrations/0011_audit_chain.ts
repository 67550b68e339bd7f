import { sql, type Kysely } from 'kysely';
import { chainHash, digestAuditContent, GENESIS_HASH, type AuditContent } from '../audit-chain';

/**
 * Chains the audit log: each row gets the SHA-256 of its fields and a hash over that and the
 * previous row's, so `labbot audit verify` names the first row altered in SQL. Existing rows are
 * chained in their order now.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('content_digest', 'text').execute();
  await db.schema.alterTable('audit_log').addColumn('chain_hash', 'text').execute();
  const rows = await sql<AuditContent & { id: number }>`
    select id, at, actor, action, programme_id, subject_id, details from audit_log order by id
  `.execute(db);
  let previous = GENESIS_HASH;
  for (const row of rows.rows) {
    const digest = digestAuditContent(row);
    previous = chainHash(previous, digest);
    await sql`
      update audit_log set content_digest = ${digest}, chain_hash = ${previous} where id = ${row.id}
    `.execute(db);
  }
}

/** Removes the chain columns. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('audit_log').dropColumn('chain_hash').execute();
  await db.schema.alterTable('audit_log').dropColumn('content_digest').execute();
}
