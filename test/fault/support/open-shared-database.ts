import { sql } from 'kysely';
import type { DatabaseHandle } from '../../../src/adapters/sql/open-database';
import { testDatabaseUrl, type TestDatabase } from '../../contract/test-databases';

/** A fresh test database, plus the environment that lets a child process open the same one. */
export interface SharedDatabase {
  handle: DatabaseHandle;
  /** FAULT_SQLITE_PATH, or FAULT_DATABASE_URL and FAULT_SCHEMA. */
  env: Record<string, string>;
}

/**
 * Opens a fresh database of `target` (a temporary SQLite file, or a PostgreSQL schema of its
 * own) and says where it is, so processes started by the test work on the very same data.
 */
export async function openSharedDatabase(target: TestDatabase): Promise<SharedDatabase> {
  const handle = await target.open();
  if (handle.dialect === 'postgres') {
    const result = await sql<{ schema: string }>`select current_schema() as schema`.execute(
      handle.db,
    );
    const schema = result.rows[0]?.schema ?? '';
    return {
      handle,
      env: { FAULT_DATABASE_URL: testDatabaseUrl(), FAULT_SCHEMA: schema },
    };
  }
  const result = await sql<{
    file: string;
  }>`select file from pragma_database_list where name = 'main'`.execute(handle.db);
  return { handle, env: { FAULT_SQLITE_PATH: result.rows[0]?.file ?? '' } };
}
