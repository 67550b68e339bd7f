import type { Kysely } from 'kysely';

/**
 * Creates the list of people Graph could not add to their programme's Teams team for a passing
 * reason (throttled, unavailable): the hourly catch-up tries them again until they are in, and a
 * restart no longer forgets them. A row goes once they are added or refused for good.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('team_membership_pending')
    .addColumn('team_group_id', 'text', (col) => col.notNull())
    .addColumn('aad_id', 'text', (col) => col.notNull())
    .addColumn('programme_id', 'text', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('organisation_id', 'text', (col) => col.notNull())
    .addColumn('since', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('team_membership_pending_pk', ['team_group_id', 'aad_id'])
    .execute();
}

/** Drops the list. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('team_membership_pending').execute();
}
