import { sql, type Kysely } from 'kysely';
import { chainHash, digestAuditContent, GENESIS_HASH, type AuditContent } from '../audit-chain';

/**
 * Personal data: chains the audit log (each row gets the SHA-256 of its fields and a hash over
 * that and the previous row's, so `labbot audit verify` names the first row altered in SQL;
 * existing rows are chained in their order now), and records erasure requests the Lab decides.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('erasure_requests')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('aad_id', 'text', (col) => col.notNull())
    .addColumn('programme_ids', 'text', (col) => col.notNull())
    .addColumn('requested_at', 'text', (col) => col.notNull())
    .addColumn('erase_after', 'text', (col) => col.notNull())
    .addColumn('state', 'text', (col) => col.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .execute();
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

/** Removes the chain columns and the erasure requests. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('erasure_requests').execute();
  await db.schema.alterTable('audit_log').dropColumn('chain_hash').execute();
  await db.schema.alterTable('audit_log').dropColumn('content_digest').execute();
}
