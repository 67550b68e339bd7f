import { loadConfig } from '../config';
import { openDatabase } from '../adapters/sql/open-database';
import { SqlLabSessionStore } from '../adapters/sql/sql-lab-session-store';
import { toDatabaseOptions } from '../adapters/sql/to-database-options';
import type { LabSessionStore } from '../core/ports/lab-session-store';

/**
 * Opens the bot's own database (DATABASE_URL, else the SQLite file) for a command that reads the
 * Lab sessions' requests, as the other labbot commands open it.
 */
export async function openLabSessionStore(
  env: NodeJS.ProcessEnv,
): Promise<{ sessions: LabSessionStore; close: () => Promise<void> }> {
  const database = await openDatabase(toDatabaseOptions(loadConfig(env)));
  return { sessions: new SqlLabSessionStore(database.db), close: () => database.close() };
}
