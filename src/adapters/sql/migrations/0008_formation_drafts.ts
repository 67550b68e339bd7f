import type { Kysely } from 'kysely';

/** Creates the table of formations being edited, one per programme until confirmed. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('formation_drafts')
    .addColumn('programme_id', 'text', (col) => col.primaryKey())
    .addColumn('data', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
}

/** Drops the formation drafts. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('formation_drafts').execute();
}
