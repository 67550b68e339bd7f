import { Migrator, type Kysely, type Migration } from 'kysely';
import type { Database } from './schema';

/**
 * Applies every migration not yet applied, in name order, each in its own transaction, and
 * returns the names applied. Throws an Error naming the migration that failed; that migration
 * is rolled back, so nothing is half-written.
 */
export async function runMigrations(
  db: Kysely<Database>,
  migrations: Record<string, Migration>,
  schema?: string,
): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: {
      getMigrations: () =>
        Promise.resolve(
          Object.fromEntries(
            Object.entries(migrations).map(([name, migration]) => [name, inTransaction(migration)]),
          ),
        ),
    },
    // Migration numbers are taken by features developed side by side, so one can land after a
    // higher-numbered one was applied; each creates its own tables, so running it late is safe.
    allowUnorderedMigrations: true,
    // Kysely looks for its bookkeeping table in every schema unless told which one, so test
    // databases isolated by schema would see each other's tables.
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  const failed = results.find((result) => result.status === 'Error');
  if (failed !== undefined) {
    throw new Error(`Database migration ${failed.migrationName} failed: ${describe(error)}`, {
      cause: error,
    });
  }
  if (error !== undefined) {
    throw new Error(`Database migrations could not run: ${describe(error)}`, { cause: error });
  }
  return results.map((result) => result.migrationName);
}

/**
 * Kysely wraps migrations in a transaction on PostgreSQL only, though SQLite rolls DDL back just
 * as well; without this a migration failing halfway would leave SQLite half-migrated.
 */
function inTransaction(migration: Migration): Migration {
  return {
    up: (db) =>
      db.isTransaction ? migration.up(db) : db.transaction().execute((trx) => migration.up(trx)),
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
