import type { Kysely } from 'kysely';

/**
 * Adds to each meeting the people dropped from its attendees (JSON array of { aadId, name,
 * sequence }): without calendar access, they may still download the meeting's cancellation
 * (.ics METHOD:CANCEL at that SEQUENCE), and nothing newer.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('programme_meetings')
    .addColumn('dropped_attendees', 'text', (col) => col.notNull().defaultTo('[]'))
    .execute();
}

/** Drops the column. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('programme_meetings').dropColumn('dropped_attendees').execute();
}
