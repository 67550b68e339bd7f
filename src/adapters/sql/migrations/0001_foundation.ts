import type { Kysely } from 'kysely';

/** Creates the conversation references, user contexts and bot turn-state tables. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('conversations')
    .addColumn('conversation_id', 'text', (col) => col.primaryKey())
    .addColumn('scope', 'text', (col) => col.notNull())
    .addColumn('service_url', 'text', (col) => col.notNull())
    .addColumn('tenant_id', 'text')
    .addColumn('team_id', 'text')
    .addColumn('channel_id', 'text')
    .addColumn('user_aad_id', 'text')
    .addColumn('bot_id', 'text', (col) => col.notNull())
    .addColumn('locale', 'text')
    .addColumn('timezone', 'text')
    .addColumn('installed_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addColumn('uninstalled_at', 'text')
    .execute();
  await db.schema
    .createIndex('conversations_user_aad_id_idx')
    .on('conversations')
    .column('user_aad_id')
    .execute();
  await db.schema
    .createIndex('conversations_team_id_idx')
    .on('conversations')
    .column('team_id')
    .execute();

  await db.schema
    .createTable('user_contexts')
    .addColumn('aad_id', 'text', (col) => col.primaryKey())
    .addColumn('locale', 'text')
    .addColumn('timezone', 'text')
    .addColumn('seen_at', 'text', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('bot_state')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('value', 'text', (col) => col.notNull())
    .addColumn('etag', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
}
