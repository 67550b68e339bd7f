import type { Kysely } from 'kysely';

/** Creates the outbox of proactive messages: one row per idempotency key, claimed with a lease. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('outbox')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('batch_id', 'text')
    .addColumn('target', 'text', (col) => col.notNull())
    .addColumn('payload', 'text', (col) => col.notNull())
    .addColumn('state', 'text', (col) => col.notNull())
    .addColumn('not_before', 'text', (col) => col.notNull())
    .addColumn('next_attempt_at', 'text', (col) => col.notNull())
    .addColumn('attempts', 'integer', (col) => col.notNull())
    .addColumn('throttles', 'integer', (col) => col.notNull())
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('conversation_id', 'text')
    .addColumn('activity_id', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('completed_at', 'text')
    .execute();
  // The claim query: pending rows by due time.
  await db.schema
    .createIndex('outbox_due_idx')
    .on('outbox')
    .columns(['state', 'next_attempt_at'])
    .execute();
  await db.schema
    .createIndex('outbox_batch_idx')
    .on('outbox')
    .columns(['batch_id', 'state'])
    .execute();
}

/** Drops the outbox. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('outbox').execute();
}
