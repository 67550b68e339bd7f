import type { Kysely } from 'kysely';

/** Creates the programmes table: searchable columns plus the whole programme as JSON. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('programmes')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('candidacy_open', 'text', (col) => col.notNull())
    .addColumn('data', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
}

/** Drops the programmes table. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('programmes').execute();
}
