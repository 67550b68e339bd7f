import { openDatabase, type DatabaseHandle } from '../../../src/adapters/sql/open-database';

/**
 * Opens the database a test process was pointed at: FAULT_SQLITE_PATH, or FAULT_DATABASE_URL
 * with FAULT_SCHEMA (see openSharedDatabase).
 */
export function openDatabaseFromEnv(env: NodeJS.ProcessEnv): Promise<DatabaseHandle> {
  return openDatabase({
    databaseUrl: env.FAULT_DATABASE_URL ?? '',
    sqlitePath: env.FAULT_SQLITE_PATH ?? '',
    ...(env.FAULT_SCHEMA === undefined ? {} : { schema: env.FAULT_SCHEMA }),
  });
}
