import { openDatabase, type DatabaseHandle } from '../adapters/sql/open-database';
import { toDatabaseOptions } from '../adapters/sql/to-database-options';
import { verifyAuditChain } from '../adapters/sql/audit-chain';
import { loadConfig } from '../config';

/** Where the command writes, and how it reaches the database. */
export interface AuditCommandIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  locale: string | undefined;
  openDatabase: () => Promise<DatabaseHandle>;
}

const USAGE = `Usage:
  labbot audit verify   vérifie la chaîne du journal d'audit et nomme la première ligne modifiée
`;

/**
 * `labbot audit verify`: exit 0 when every audit row matches its digest and its chain, 1 with
 * the first altered row's id otherwise, 64 on a usage error.
 */
export async function runAuditCommand(argv: string[], io: AuditCommandIo): Promise<number> {
  if (argv.length !== 1 || argv[0] !== 'verify') {
    io.stderr.write(USAGE);
    return argv[0] === '--help' ? 0 : 64;
  }
  const english = io.locale?.toLowerCase().startsWith('en') ?? false;
  const database = await io.openDatabase();
  try {
    const report = await verifyAuditChain(database.db);
    if (report.ok) {
      io.stdout.write(
        english
          ? `Audit trail intact: ${report.rows} row(s) checked.\n`
          : `Journal d'audit intact : ${report.rows} ligne(s) vérifiée(s).\n`,
      );
      return 0;
    }
    const why =
      report.reason === 'content'
        ? english
          ? 'its fields no longer match its digest'
          : 'ses champs ne correspondent plus à son empreinte'
        : english
          ? 'its chain hash does not follow the previous row (a row was changed, removed or inserted)'
          : 'son chaînage ne suit pas la ligne précédente (ligne modifiée, supprimée ou insérée)';
    io.stdout.write(
      english
        ? `Audit trail altered: row ${report.id} is the first that fails (${why}).\n`
        : `Journal d'audit altéré : la ligne ${report.id} est la première en défaut (${why}).\n`,
    );
    return 1;
  } finally {
    await database.close();
  }
}

/** Opens the bot's own database (DATABASE_URL, else the SQLite file). */
export function openBotDatabase(env: NodeJS.ProcessEnv): Promise<DatabaseHandle> {
  return openDatabase(toDatabaseOptions(loadConfig(env)));
}
