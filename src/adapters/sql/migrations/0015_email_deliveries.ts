import type { Kysely } from 'kysely';

/**
 * Creates the e-mails that stand in for Teams messages (the e-mail fallback, docs/graph.md): one
 * row per outbox key, claimed with a lease like the outbox.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('email_deliveries')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('recipient_aad_id', 'text', (col) => col.notNull())
    .addColumn('language', 'text', (col) => col.notNull())
    .addColumn('payload', 'text', (col) => col.notNull())
    .addColumn('cause', 'text', (col) => col.notNull())
    .addColumn('teams_reason', 'text')
    .addColumn('state', 'text', (col) => col.notNull())
    .addColumn('reason', 'text')
    .addColumn('attempts', 'integer', (col) => col.notNull())
    .addColumn('throttles', 'integer', (col) => col.notNull())
    .addColumn('next_attempt_at', 'text', (col) => col.notNull())
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('completed_at', 'text')
    .execute();
  // The claim: pending rows by due time; the digest: rows of the week.
  await db.schema
    .createIndex('email_deliveries_due_idx')
    .on('email_deliveries')
    .columns(['state', 'next_attempt_at'])
    .execute();
  await db.schema
    .createIndex('email_deliveries_created_idx')
    .on('email_deliveries')
    .column('created_at')
    .execute();
}

/** Drops the e-mail fallback's table. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('email_deliveries').execute();
}
