import { loadConfig } from '../config';
import { openDatabase } from '../adapters/sql/open-database';
import { toDatabaseOptions } from '../adapters/sql/to-database-options';
import { SqlProgrammeStore } from '../adapters/sql/sql-programme-store';
import type { ProgrammeStore } from '../core/ports/programme-store';
import type { ProgrammeTeamStore } from '../core/ports/programme-team-store';
import { SqlProgrammeTeamStore } from '../adapters/sql/sql-programme-team-store';

/** Opens the bot's own database (DATABASE_URL, else the SQLite file) for a command-line import. */
export async function openProgrammeStore(
  env: NodeJS.ProcessEnv,
): Promise<{ store: ProgrammeStore; teams: ProgrammeTeamStore; close: () => Promise<void> }> {
  const config = loadConfig(env);
  const database = await openDatabase(toDatabaseOptions(config));
  return {
    store: new SqlProgrammeStore(database.db),
    teams: new SqlProgrammeTeamStore(database.db),
    close: () => database.close(),
  };
}
