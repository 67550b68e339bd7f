import type { Kysely } from 'kysely';

/**
 * Creates the participants of Lab sessions (internal people by Entra id or e-mail, external
 * guests by name and e-mail) in the order they were added, and one counter per request that
 * hands out those positions: taking it locks the request's row, so two people adding at once
 * are served one after the other and the waitlist stays first come first served.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('lab_session_participants')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('request_id', 'text', (col) => col.notNull())
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('aad_id', 'text')
    .addColumn('email', 'text')
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('added_by', 'text', (col) => col.notNull())
    .addColumn('added_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('lab_session_participants_position', ['request_id', 'position'])
    // Null ids and addresses are distinct in both SQLite and PostgreSQL: only real ones collide.
    .addUniqueConstraint('lab_session_participants_aad', ['request_id', 'aad_id'])
    .addUniqueConstraint('lab_session_participants_email', ['request_id', 'email'])
    .execute();
  await db.schema
    .createTable('lab_session_participant_positions')
    .addColumn('request_id', 'text', (col) => col.primaryKey())
    .addColumn('last', 'integer', (col) => col.notNull())
    .execute();
}

/** Drops the participants' tables. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('lab_session_participant_positions').execute();
  await db.schema.dropTable('lab_session_participants').execute();
}
