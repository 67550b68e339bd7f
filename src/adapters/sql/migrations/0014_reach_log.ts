import type { Kysely } from 'kysely';

/**
 * Creates the record of how notices reached people: by programme, route and coded reason, keyed
 * by a digest of the notice's idempotency key (so a notice queued again counts once). Nothing in
 * it says who; the Lab digest counts it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('reach_log')
    .addColumn('key_digest', 'text', (col) => col.primaryKey())
    .addColumn('programme_id', 'text', (col) => col.notNull())
    .addColumn('notice_kind', 'text', (col) => col.notNull())
    .addColumn('route', 'text', (col) => col.notNull())
    .addColumn('failure', 'text')
    .addColumn('at', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('reach_log_programme_at')
    .on('reach_log')
    .columns(['programme_id', 'at'])
    .execute();
}

/** Drops the record of reach. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('reach_log').execute();
}
