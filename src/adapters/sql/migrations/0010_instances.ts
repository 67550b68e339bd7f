import type { Kysely } from 'kysely';

/**
 * Creates the registry of running bot processes (one row per instance, with its last heartbeat)
 * and the tenant pauses all instances share after a 429.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('instances')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('started_at', 'text', (col) => col.notNull())
    .addColumn('heartbeat_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createTable('tenant_pauses')
    .addColumn('tenant_id', 'text', (col) => col.primaryKey())
    .addColumn('until', 'text', (col) => col.notNull())
    .execute();
  // Reclaiming a dead instance's leases looks its rows up by owner.
  await db.schema
    .createIndex('outbox_lease_owner_idx')
    .on('outbox')
    .column('lease_owner')
    .execute();
}

/** Drops the instance registry and the shared tenant pauses. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('outbox_first_due_idx').execute();
  await db.schema.dropIndex('outbox_lease_idx').execute();
  await db.schema.dropTable('tenant_pauses').execute();
  await db.schema.dropTable('instances').execute();
}
