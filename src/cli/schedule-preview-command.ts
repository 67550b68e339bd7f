import { readFile } from 'node:fs/promises';
import { readProgrammeYaml } from '../adapters/files/read-programme-yaml';
import { KNOWN_ORGANISATIONS } from '../catalogue/known-organisations';
import { isCalendarDay } from '../core/programmes/validate-programme';
import { planFollowUpSends } from '../core/follow-up/plan-follow-up-sends';
import type { PlannedSend } from '../core/follow-up/planned-send';
import type { ProgrammeTeam } from '../core/programmes/programme-team';
import { addDays } from '../core/scheduling/local-days';
import { createTranslator, formatIssue, toLanguage, type Translate } from '../i18n/translate';

/** Where the command writes, and in which language. */
export interface SchedulePreviewIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** The user's locale (from LANG); French unless English is asked for. */
  locale: string | undefined;
}

/** One planned send as `--json` prints it. */
export interface PreviewLine {
  /** UTC instant, ISO 8601. */
  at: string;
  /** The recipient's wall-clock time, `YYYY-MM-DD HH:MM`. */
  localTime: string;
  timezone: string;
  recipient: string;
  team: string;
  kind: string;
}

/** Exit code of a usage error (sysexits EX_USAGE), as for the other commands. */
const EXIT_USAGE = 64;

const USAGE = `Usage:
  labbot schedule preview --programme FICHIER --from AAAA-MM-JJ --to AAAA-MM-JJ [--json]

  Affiche chaque envoi prévu (check-ins, rappels, alertes, bilans) entre ces deux jours, à l'heure
  locale de chaque destinataire, sans rien envoyer. Le fichier doit décrire les équipes (bloc teams).
  Sans base de données, le fuseau de chacun est celui de son organisme.
`;

/**
 * `labbot schedule preview --programme FILE --from DAY --to DAY [--json]`: prints every planned
 * send whose local day falls in the range, and sends nothing. Exit 0 when the file is valid,
 * 1 when it has errors, 64 on a usage error.
 */
export async function runSchedulePreviewCommand(
  argv: string[],
  io: SchedulePreviewIo,
): Promise<number> {
  const args = argv[0] === 'preview' ? argv.slice(1) : argv;
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(USAGE);
    return 0;
  }
  const options = parseOptions(args);
  if (options === undefined) {
    io.stderr.write(USAGE);
    return EXIT_USAGE;
  }
  const language = toLanguage(io.locale);
  const t = createTranslator(language);
  let text: string;
  try {
    text = await readFile(options.programme, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : String(error);
    io.stderr.write(
      language === 'en'
        ? `${options.programme}: cannot read the file (${reason})\n`
        : `${options.programme} : lecture impossible (${reason})\n`,
    );
    return 1;
  }
  const result = readProgrammeYaml(text, KNOWN_ORGANISATIONS);
  if (!result.ok) {
    for (const issue of result.issues) {
      const where =
        issue.line === undefined ? options.programme : `${options.programme}:${issue.line}`;
      io.stderr.write(`${where}: ${formatIssue(issue, t)}\n`);
    }
    return 1;
  }
  const teams = result.teams ?? [];
  if (teams.length === 0) {
    io.stderr.write(
      language === 'en'
        ? `${options.programme}: no teams in the file (teams block), so nothing is planned.\n`
        : `${options.programme} : aucune équipe dans le fichier (bloc teams), donc aucun envoi prévu.\n`,
    );
  }
  // Wide enough for every zone (UTC-12 to UTC+14), then filtered on each recipient's local day.
  const sends = planFollowUpSends(
    { programme: result.programme, teams, zoneOf: () => undefined },
    {
      from: new Date(`${addDays(options.from, -1)}T00:00:00Z`),
      to: new Date(`${addDays(options.to, 2)}T00:00:00Z`),
    },
  ).filter((send) => send.localDay >= options.from && send.localDay <= options.to);
  const lines = sends.map((send) => toPreviewLine(send, teams, t));

  if (options.json) {
    io.stdout.write(`${JSON.stringify(lines, null, 2)}\n`);
    return 0;
  }
  io.stdout.write(formatTable(lines, sends, t, language));
  io.stdout.write(
    language === 'en'
      ? `${lines.length} planned send(s) from ${options.from} to ${options.to}; nothing was sent.\n` +
          'Reminders and alerts only go to teams that have not answered, and never to someone absent that day.\n'
      : `${lines.length} envoi(s) prévu(s) du ${options.from} au ${options.to} ; rien n'a été envoyé.\n` +
          "Les rappels et alertes ne partent qu'aux équipes qui n'ont pas répondu, jamais à une personne absente ce jour-là.\n",
  );
  return 0;
}

function parseOptions(
  args: string[],
): { programme: string; from: string; to: string; json: boolean } | undefined {
  const values: Record<string, string> = {};
  let json = false;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index];
    if (arg === '--json') {
      json = true;
    } else if (arg === '--programme' || arg === '--from' || arg === '--to') {
      const value = args[index + 1];
      if (value === undefined) return undefined;
      values[arg.slice(2)] = value;
      index += 1;
    } else {
      return undefined;
    }
  }
  const { programme, from, to } = values;
  if (programme === undefined || from === undefined || to === undefined) return undefined;
  if (!isCalendarDay(from) || !isCalendarDay(to) || from > to) return undefined;
  return { programme, from, to, json };
}

function toPreviewLine(
  send: PlannedSend,
  teams: readonly ProgrammeTeam[],
  t: Translate,
): PreviewLine {
  const team = teams.find((candidate) => candidate.id === send.teamId);
  return {
    at: send.dueAt.toISOString(),
    localTime: `${send.localDay} ${send.localTime}`,
    timezone: send.timeZone,
    recipient:
      send.recipient.kind === 'channel'
        ? t('followUp.channel', { team: team?.name ?? send.teamId })
        : send.recipient.name || send.recipient.aadId,
    team: send.teamId,
    kind: send.kind,
  };
}

function formatTable(
  lines: PreviewLine[],
  sends: PlannedSend[],
  t: Translate,
  language: 'fr' | 'en',
): string {
  const header =
    language === 'en'
      ? ['Local time', 'Time zone', 'Send', 'Team', 'Recipient', 'UTC']
      : ['Heure locale', 'Fuseau', 'Envoi', 'Équipe', 'Destinataire', 'UTC'];
  const rows = lines.map((line, index) => [
    line.localTime,
    line.timezone,
    t(`followUp.kind.${sends[index]?.kind ?? 'checkin.card'}`),
    line.team,
    line.recipient,
    line.at.slice(0, 16).replace('T', ' '),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const format = (row: string[]): string =>
    `${row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd()}\n`;
  return [header, ...rows].map(format).join('');
}
