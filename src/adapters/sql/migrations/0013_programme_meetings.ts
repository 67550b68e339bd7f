import type { Kysely } from 'kysely';

/**
 * Creates the record of the meetings the bot puts on calendars: one row per meeting key
 * (programme, kind, team, period), so a moved meeting updates its event and never makes a second.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('programme_meetings')
    .addColumn('programme_id', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    // Empty for a meeting of the whole programme, and for a period when it happens once.
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('period', 'text', (col) => col.notNull())
    .addColumn('subject', 'text', (col) => col.notNull())
    .addColumn('starts_at', 'text', (col) => col.notNull())
    .addColumn('ends_at', 'text', (col) => col.notNull())
    .addColumn('time_zone', 'text', (col) => col.notNull())
    // JSON array of { aadId, name }: who is invited.
    .addColumn('attendees', 'text', (col) => col.notNull())
    .addColumn('attendees_digest', 'text', (col) => col.notNull())
    .addColumn('external_event_id', 'text')
    .addColumn('ics_uid', 'text', (col) => col.notNull())
    .addColumn('sequence', 'integer', (col) => col.notNull())
    .addColumn('state', 'text', (col) => col.notNull())
    .addColumn('route', 'text')
    .addColumn('last_error', 'text')
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('programme_meetings_pk', ['programme_id', 'kind', 'team_id', 'period'])
    .execute();
}

/** Drops the record of meetings. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('programme_meetings').execute();
}
