import { toAppRoleSql } from '../adapters/sql/app-role-sql';

/** Where the command writes, and in which language. */
export interface DatabaseCommandIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** The user's locale (from LANG); French unless English is asked for. */
  locale: string | undefined;
}

/** Exit code of a usage error (sysexits EX_USAGE), as for the other commands. */
const EXIT_USAGE = 64;

const USAGE = `Usage:
  labbot database app-role --role NOM --object-id GUID [--database labbot]

  Écrit le SQL qu'un administrateur Microsoft Entra du serveur PostgreSQL exécute une fois (psql,
  base postgres) : le rôle du bot lié à son identité managée, avec le seul droit de se connecter à
  sa base et d'y créer son schéma. Voir docs/deployment.md.
`;

/**
 * `labbot database app-role --role NAME --object-id GUID [--database NAME]`: prints the SQL that
 * gives the bot's managed identity its least-privileged PostgreSQL role. Connects to nothing.
 */
export function runDatabaseCommand(argv: string[], io: DatabaseCommandIo): Promise<number> {
  const english = io.locale?.toLowerCase().startsWith('en') ?? false;
  const args = argv[0] === 'app-role' ? argv.slice(1) : undefined;
  if (args === undefined || args.includes('--help') || args.includes('-h')) {
    (args === undefined ? io.stderr : io.stdout).write(USAGE);
    return Promise.resolve(args === undefined ? EXIT_USAGE : 0);
  }
  const options = parseOptions(args);
  if (options === undefined) {
    io.stderr.write(USAGE);
    return Promise.resolve(EXIT_USAGE);
  }
  let sql;
  try {
    sql = toAppRoleSql(options);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    io.stderr.write(english ? `${reason}\n` : `Valeur refusée : ${reason}\n`);
    return Promise.resolve(EXIT_USAGE);
  }
  io.stdout.write(
    [
      `-- Bot role "${options.role}" for the managed identity ${options.objectId.toLowerCase()}.`,
      '-- Run once as a Microsoft Entra administrator of the server, connected to the postgres database.',
      sql.createRole,
      ...sql.grants,
      '',
    ].join('\n'),
  );
  return Promise.resolve(0);
}

function parseOptions(
  args: string[],
): { role: string; objectId: string; database: string } | undefined {
  const values = new Map<string, string>();
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i];
    const value = args[i + 1];
    if (name === undefined || value === undefined || !name.startsWith('--')) return undefined;
    if (!['--role', '--object-id', '--database'].includes(name) || values.has(name)) {
      return undefined;
    }
    values.set(name, value);
  }
  const role = values.get('--role');
  const objectId = values.get('--object-id');
  if (role === undefined || objectId === undefined) return undefined;
  return { role, objectId, database: values.get('--database') ?? 'labbot' };
}
