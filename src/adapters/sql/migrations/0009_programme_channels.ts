import type { Kysely } from 'kysely';

/**
 * Creates the record of the channels the bot created for each programme: the only ones it may
 * reuse, so a team named like someone else's channel never takes it over.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('programme_channels')
    .addColumn('programme_id', 'text', (col) => col.notNull())
    .addColumn('channel_id', 'text', (col) => col.notNull())
    .addColumn('display_name', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('programme_channels_pk', ['programme_id', 'channel_id'])
    .execute();
}

/** Drops the record of created channels. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('programme_channels').execute();
}
