import { readFile } from 'node:fs/promises';
import { readProgrammeYaml } from '../adapters/files/read-programme-yaml';
import { KNOWN_ORGANISATIONS } from '../catalogue/known-organisations';
import type { ProgrammeStore } from '../core/ports/programme-store';
import type { ProgrammeTeamStore } from '../core/ports/programme-team-store';
import { createTranslator, formatIssue, toLanguage } from '../i18n/translate';

/** Where the command writes, and how it reaches the database for an import. */
export interface ProgrammeCommandIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** The user's locale (from LANG); French unless English is asked for. */
  locale: string | undefined;
  /** Opens the stores for `import`; the returned close() releases the database. */
  openStore: () => Promise<{
    store: ProgrammeStore;
    teams: ProgrammeTeamStore;
    close: () => Promise<void>;
  }>;
}

const USAGE = `Usage:
  labbot programme validate FILE   vérifie un fichier de programme (YAML) sans rien enregistrer
  labbot programme import FILE     vérifie puis enregistre le programme (rien n'est enregistré en cas d'erreur)
`;

/**
 * `labbot programme validate|import FILE`: exit 0 when the file is valid (and imported),
 * 1 when it has errors (each printed with its line and field), 64 on a usage error.
 */
export async function runProgrammeCommand(argv: string[], io: ProgrammeCommandIo): Promise<number> {
  const [action, file, ...rest] = argv;
  if ((action !== 'validate' && action !== 'import') || file === undefined || rest.length > 0) {
    io.stderr.write(USAGE);
    return 64;
  }
  const language = toLanguage(io.locale);
  const t = createTranslator(language);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : String(error);
    io.stderr.write(
      language === 'en'
        ? `${file}: cannot read the file (${reason})\n`
        : `${file} : lecture impossible (${reason})\n`,
    );
    return 1;
  }
  const result = readProgrammeYaml(text, KNOWN_ORGANISATIONS);
  if (!result.ok) {
    for (const issue of result.issues) {
      const where = issue.line === undefined ? file : `${file}:${issue.line}`;
      io.stderr.write(`${where}: ${formatIssue(issue, t)}\n`);
    }
    io.stderr.write(
      language === 'en'
        ? `${result.issues.length} error(s); nothing was imported.\n`
        : `${result.issues.length} erreur(s)\u202f; rien n'a été importé.\n`,
    );
    return 1;
  }
  const { programme } = result;
  const summary = `${programme.name} (${programme.id}), ${t('programmes.seats', {
    seats: programme.seats,
    organisations: programme.organisations.length,
  })}`;
  if (action === 'validate') {
    io.stdout.write(language === 'en' ? `Valid: ${summary}\n` : `Fichier valide : ${summary}\n`);
    return 0;
  }
  const { store, teams, close } = await io.openStore();
  try {
    const existed = (await store.get(programme.id)) !== undefined;
    await store.save(programme);
    // Teams formed outside the bot (or applying teams in team mode) come with the file.
    if (result.teams !== undefined && result.teams.length > 0) {
      await teams.replaceAll(programme.id, result.teams);
    }
    io.stdout.write(
      language === 'en'
        ? `${existed ? 'Updated' : 'Imported'}: ${summary}\n`
        : `${existed ? 'Programme mis à jour' : 'Programme importé'} : ${summary}\n`,
    );
    if (programme.meetings !== undefined) {
      // The running bot reconciles every programme's meetings each hour (meetings-module.ts).
      io.stdout.write(
        language === 'en'
          ? 'Meetings: the bot brings calendars up to date within the hour.\n'
          : 'Réunions : le bot met les agendas à jour dans l’heure.\n',
      );
    }
  } finally {
    await close();
  }
  return 0;
}
