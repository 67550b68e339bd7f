import type { Kysely } from 'kysely';

/**
 * Creates the record of Lab session qualification meetings on calendars: one row per request
 * (its id is the meeting's key), with the same columns as the programmes' meetings, so a moved
 * meeting updates its event (same UID, SEQUENCE up) and a withdrawn request cancels it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('lab_session_meetings')
    .addColumn('request_id', 'text', (col) => col.primaryKey())
    .addColumn('subject', 'text', (col) => col.notNull())
    .addColumn('starts_at', 'text', (col) => col.notNull())
    .addColumn('ends_at', 'text', (col) => col.notNull())
    .addColumn('time_zone', 'text', (col) => col.notNull())
    // JSON array of { aadId, name }: the requester and the two facilitators.
    .addColumn('attendees', 'text', (col) => col.notNull())
    .addColumn('attendees_digest', 'text', (col) => col.notNull())
    // JSON array of { aadId, name, sequence }: who was dropped, to send them the cancellation.
    .addColumn('dropped_attendees', 'text', (col) => col.notNull().defaultTo('[]'))
    .addColumn('external_event_id', 'text')
    .addColumn('ics_uid', 'text', (col) => col.notNull())
    .addColumn('sequence', 'integer', (col) => col.notNull())
    .addColumn('state', 'text', (col) => col.notNull())
    .addColumn('route', 'text')
    .addColumn('last_error', 'text')
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
}

/** Drops the record of qualification meetings. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('lab_session_meetings').execute();
}
