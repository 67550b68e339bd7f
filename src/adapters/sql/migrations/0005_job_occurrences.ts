import type { Kysely } from 'kysely';

/** Creates the record of scheduled-job occurrences: one row per key, claimed with a lease. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('job_occurrences')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('job', 'text', (col) => col.notNull())
    .addColumn('state', 'text', (col) => col.notNull())
    .addColumn('owner', 'text', (col) => col.notNull())
    .addColumn('lease_until', 'text', (col) => col.notNull())
    .addColumn('attempts', 'integer', (col) => col.notNull())
    .addColumn('last_error', 'text')
    .addColumn('claimed_at', 'text', (col) => col.notNull())
    .addColumn('done_at', 'text')
    .execute();
  await db.schema
    .createIndex('job_occurrences_job_idx')
    .on('job_occurrences')
    .columns(['job', 'state'])
    .execute();
}

/** Drops the occurrences table. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('job_occurrences').execute();
}
