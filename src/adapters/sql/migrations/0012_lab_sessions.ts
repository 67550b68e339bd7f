import type { Kysely } from 'kysely';

/**
 * Creates the Lab session requests (the request's details as JSON, with the columns the lists
 * filter on), the yearly sequence of tracking numbers, the request drafts and the debrief answers.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('lab_session_requests')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('tracking_number', 'text', (col) => col.notNull().unique())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('requester_aad_id', 'text', (col) => col.notNull())
    .addColumn('facilitator_1', 'text')
    .addColumn('facilitator_2', 'text')
    .addColumn('session_day', 'text')
    .addColumn('cold_debrief_day', 'text')
    .addColumn('data', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('lab_session_requests_status')
    .on('lab_session_requests')
    .column('status')
    .execute();
  await db.schema
    .createTable('lab_session_sequences')
    .addColumn('year', 'integer', (col) => col.primaryKey())
    .addColumn('last', 'integer', (col) => col.notNull())
    .execute();
  await db.schema
    .createTable('lab_session_drafts')
    .addColumn('aad_id', 'text', (col) => col.primaryKey())
    .addColumn('data', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createTable('lab_session_debriefs')
    .addColumn('request_id', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('aad_id', 'text', (col) => col.notNull())
    .addColumn('data', 'text', (col) => col.notNull())
    .addColumn('answered_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('lab_session_debriefs_pk', ['request_id', 'kind', 'aad_id'])
    .execute();
}

/** Drops the Lab session tables. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('lab_session_debriefs').execute();
  await db.schema.dropTable('lab_session_drafts').execute();
  await db.schema.dropTable('lab_session_sequences').execute();
  await db.schema.dropTable('lab_session_requests').execute();
}
