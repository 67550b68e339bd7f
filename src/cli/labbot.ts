#!/usr/bin/env node
import { openBotDatabase, runAuditCommand } from './audit-command';
import { runDatabaseCommand } from './database-command';
import { openPersonalDataDeps, runPersonCommand } from './person-command';
import { openLabSessionStore } from './open-lab-session-store';
import { openProgrammeStore } from './open-programme-store';
import { runProgrammeCommand } from './programme-command';
import { runSchedulePreviewCommand } from './schedule-preview-command';
import { runTeamsFormCommand } from './teams-form-command';

/** What every subcommand gets besides its own arguments. */
export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** The user's locale, from the environment; French unless it says English. */
  locale: string | undefined;
}

type Subcommand = (argv: string[], io: CliIo) => Promise<number>;

/**
 * Subcommands by their words ("teams form"); a command gets the arguments after them.
 * One- and two-word keys are both looked up, so "programme" can take its own actions.
 */
const SUBCOMMANDS: Record<string, Subcommand> = {
  'teams form': runTeamsFormCommand,
  programme: (argv, io) =>
    runProgrammeCommand(argv, { ...io, openStore: () => openProgrammeStore(process.env) }),
  'schedule preview': (argv, io) =>
    runSchedulePreviewCommand(argv, {
      ...io,
      openSessions: () => openLabSessionStore(process.env),
    }),
  'database app-role': (argv, io) => runDatabaseCommand(['app-role', ...argv], io),
  audit: (argv, io) =>
    runAuditCommand(argv, { ...io, openDatabase: () => openBotDatabase(process.env) }),
  person: (argv, io) =>
    runPersonCommand(argv, {
      ...io,
      openDeps: () => openPersonalDataDeps(process.env),
      // The audit trail names who ran it: the operating system's user.
      admin: `cli:${process.env.USER ?? 'unknown'}`,
    }),
};

/** Exit code for an unknown command, as for other usage errors (sysexits EX_USAGE). */
const EXIT_USAGE = 64;
/** Exit code for a bug (sysexits EX_SOFTWARE), distinct from every documented outcome. */
const EXIT_SOFTWARE = 70;

/** Runs `labbot <command> …` and returns the exit code. */
export async function runLabbot(argv: string[], io: CliIo): Promise<number> {
  const english = io.locale?.toLowerCase().startsWith('en') ?? false;
  const twoWords = argv.slice(0, 2).join(' ');
  const command = SUBCOMMANDS[twoWords] ?? SUBCOMMANDS[argv[0] ?? ''];
  if (command !== undefined) {
    const words = SUBCOMMANDS[twoWords] === undefined ? 1 : 2;
    return command(argv.slice(words), io);
  }
  const list = Object.keys(SUBCOMMANDS)
    .map((name) => `  labbot ${name} --help`)
    .join('\n');
  io.stderr.write(
    english
      ? `Unknown command "${argv.join(' ')}". Commands:\n${list}\n`
      : `Commande inconnue « ${argv.join(' ')} ». Commandes :\n${list}\n`,
  );
  return EXIT_USAGE;
}

if (require.main === module) {
  void runLabbot(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    // An empty variable counts as unset, as the C library does.
    locale: process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG,
  }).then(
    (code) => {
      // exitCode rather than exit(): stdout is flushed before the process ends.
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = EXIT_SOFTWARE;
    },
  );
}
