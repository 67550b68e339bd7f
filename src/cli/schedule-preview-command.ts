import { readFile } from 'node:fs/promises';
import { readProgrammeYaml } from '../adapters/files/read-programme-yaml';
import { KNOWN_ORGANISATIONS } from '../catalogue/known-organisations';
import { isCalendarDay } from '../core/programmes/validate-programme';
import { planFollowUpSends } from '../core/follow-up/plan-follow-up-sends';
import type { PlannedSend } from '../core/follow-up/planned-send';
import type { ProgrammeTeam } from '../core/programmes/programme-team';
import { addDays } from '../core/scheduling/local-days';
import {
  createHolidayCalendar,
  toHolidayCalendarId,
  type HolidayCalendar,
  type HolidayCalendarId,
} from '../core/scheduling/holiday-calendars';
import { toUtcInstant } from '../core/scheduling/to-utc-instant';
import type { LabSessionStore } from '../core/ports/lab-session-store';
import { PREPARATION_MILESTONES } from '../core/lab-sessions/plan-preparation-milestones';
import {
  previewSessionSends,
  type PlannedSessionSend,
} from '../core/lab-sessions/preview-session-sends';
import { createTranslator, formatIssue, toLanguage, type Translate } from '../i18n/translate';

/** Where the command writes, and in which language. */
export interface SchedulePreviewIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** The user's locale (from LANG); French unless English is asked for. */
  locale: string | undefined;
  /** Opens the configured database's Lab session requests (for `--sessions`). */
  openSessions?: () => Promise<{ sessions: LabSessionStore; close: () => Promise<void> }>;
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

/** One planned send of a Lab session as `--json` prints it (with `--sessions`). */
export interface SessionPreviewLine {
  /** UTC instant, ISO 8601. */
  at: string;
  /** The requester's wall-clock time, `YYYY-MM-DD HH:MM` (the "calendrier des sessions" one). */
  localTime: string;
  timezone: string;
  /** Who gets it, in words. */
  recipient: string;
  /** The request's tracking number, e.g. LAB-2027-001. */
  session: string;
  subject: string;
  /** `session.` and the send: a preparation milestone, `hot`, `cold`, `coldReminder`, `revisit`. */
  kind: string;
}

/** Exit code of a usage error (sysexits EX_USAGE), as for the other commands. */
const EXIT_USAGE = 64;

const USAGE = `Usage:
  labbot schedule preview --programme FICHIER --from AAAA-MM-JJ --to AAAA-MM-JJ [--sessions] [--json]
  labbot schedule preview --sessions --from AAAA-MM-JJ --to AAAA-MM-JJ [--json]

  Affiche chaque envoi prévu (check-ins, rappels, alertes, bilans) entre ces deux jours, à l'heure
  locale de chaque destinataire, sans rien envoyer. Le fichier doit décrire les équipes (bloc teams).
  Sans base de données, le fuseau de chacun est celui de son organisme.

  --sessions ajoute les envois des sessions du Lab : rappels de préparation (J-28, J-21, J-7, J-1),
  débriefings à chaud et à froid, rappel du débriefing à froid, demandes mises de côté qui
  reviennent. Les demandes sont lues dans la base de données configurée (DATABASE_URL, sinon
  SQLITE_PATH) ; les heures sont celles du demandeur.
`;

/**
 * `labbot schedule preview [--programme FILE] [--sessions] --from DAY --to DAY [--json]`: prints
 * every planned send whose local day falls in the range, and sends nothing: the programme file's
 * follow-up sends, and with `--sessions` the Lab sessions' ones, read from the configured
 * database. Exit 0 when all could be read, 1 when the file has errors or the database cannot be
 * opened, 64 on a usage error.
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
  const lines: (PreviewLine | SessionPreviewLine)[] = [];
  const kinds: string[] = [];
  if (options.programme !== undefined) {
    const planned = await previewProgramme(options.programme, options, io, t, language);
    if (planned === undefined) return 1;
    lines.push(...planned.lines);
    kinds.push(...planned.kinds);
  }
  if (options.sessions) {
    const planned = await previewSessions(options, io, t, language);
    if (planned === undefined) return 1;
    lines.push(...planned.lines);
    kinds.push(...planned.kinds);
  }
  // Both together: one list in time order (a stable sort keeps each source's own order).
  const order = lines.map((_, index) => index);
  if (options.programme !== undefined && options.sessions) {
    order.sort((a, b) => lines[a]!.at.localeCompare(lines[b]!.at));
  }

  if (options.json) {
    io.stdout.write(
      `${JSON.stringify(
        order.map((index) => lines[index]),
        null,
        2,
      )}\n`,
    );
    return 0;
  }
  io.stdout.write(
    formatTable(
      order.map((index) => lines[index]!),
      order.map((index) => kinds[index]!),
      language,
      options.sessions,
    ),
  );
  io.stdout.write(
    language === 'en'
      ? `${lines.length} planned send(s) from ${options.from} to ${options.to}; nothing was sent.\n`
      : `${lines.length} envoi(s) prévu(s) du ${options.from} au ${options.to} ; rien n'a été envoyé.\n`,
  );
  if (options.programme !== undefined) {
    io.stdout.write(
      language === 'en'
        ? 'Reminders and alerts only go to teams that have not answered, and never to someone absent that day.\n'
        : "Les rappels et alertes ne partent qu'aux équipes qui n'ont pas répondu, jamais à une personne absente ce jour-là.\n",
    );
  }
  if (options.sessions) {
    io.stdout.write(
      language === 'en'
        ? "Session preparation reminders go at 09:30 in each facilitator's own time zone; the times above are the requester's.\n"
        : 'Les rappels de préparation des sessions partent à 09:30 dans le fuseau de chaque facilitateur ; les heures ci-dessus sont celles du demandeur.\n',
    );
  }
  return 0;
}

interface PreviewOptions {
  programme: string | undefined;
  sessions: boolean;
  from: string;
  to: string;
  json: boolean;
}

/** The programme file's planned sends, or undefined once its errors are written. */
async function previewProgramme(
  path: string,
  options: PreviewOptions,
  io: SchedulePreviewIo,
  t: Translate,
  language: 'fr' | 'en',
): Promise<{ lines: PreviewLine[]; kinds: string[] } | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : String(error);
    io.stderr.write(
      language === 'en'
        ? `${path}: cannot read the file (${reason})\n`
        : `${path} : lecture impossible (${reason})\n`,
    );
    return undefined;
  }
  const result = readProgrammeYaml(text, KNOWN_ORGANISATIONS);
  if (!result.ok) {
    for (const issue of result.issues) {
      const where = issue.line === undefined ? path : `${path}:${issue.line}`;
      io.stderr.write(`${where}: ${formatIssue(issue, t)}\n`);
    }
    return undefined;
  }
  const teams = result.teams ?? [];
  if (teams.length === 0) {
    io.stderr.write(
      language === 'en'
        ? `${path}: no teams in the file (teams block), so nothing is planned.\n`
        : `${path} : aucune équipe dans le fichier (bloc teams), donc aucun envoi prévu.\n`,
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
  return {
    lines: sends.map((send) => toPreviewLine(send, teams, t)),
    kinds: sends.map((send) => t(`followUp.kind.${send.kind}`)),
  };
}

/**
 * The Lab sessions' planned sends, read from the configured database (the requests live there,
 * not in a programme file), or undefined once the reason it could not be read is written.
 */
async function previewSessions(
  options: PreviewOptions,
  io: SchedulePreviewIo,
  t: Translate,
  language: 'fr' | 'en',
): Promise<{ lines: SessionPreviewLine[]; kinds: string[] } | undefined> {
  let store: Awaited<ReturnType<NonNullable<SchedulePreviewIo['openSessions']>>>;
  try {
    if (io.openSessions === undefined) throw new Error('no database for this command');
    store = await io.openSessions();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    io.stderr.write(
      language === 'en'
        ? `--sessions: cannot open the database (${reason})\n`
        : `--sessions : ouverture de la base de données impossible (${reason})\n`,
    );
    return undefined;
  }
  const calendars = new Map<HolidayCalendarId, HolidayCalendar>();
  let sends: PlannedSessionSend[];
  try {
    sends = await previewSessionSends(
      {
        sessions: store.sessions,
        calendarFor: (timeZone) => {
          const id = toHolidayCalendarId(timeZone);
          let calendar = calendars.get(id);
          if (calendar === undefined) calendars.set(id, (calendar = createHolidayCalendar(id)));
          return calendar;
        },
      },
      { from: options.from, to: options.to },
    );
  } finally {
    await store.close();
  }
  return {
    lines: sends.map((send) => ({
      at: toUtcInstant(send.day, send.time, send.timeZone).toISOString(),
      localTime: `${send.day} ${send.time}`,
      timezone: send.timeZone,
      recipient: plain(t(`labSession.preview.recipient.${recipientsOf(send)}`)),
      session: send.trackingNumber,
      subject: send.subject,
      kind: `session.${send.kind}`,
    })),
    kinds: sends.map((send) => plain(describeSessionSend(send, t))),
  };
}

/** Who a session's send goes to. */
function recipientsOf(
  send: PlannedSessionSend,
): 'milestone' | 'hot' | 'cold' | 'coldReminder' | 'revisit' {
  return send.kind === 'hot' ||
    send.kind === 'cold' ||
    send.kind === 'coldReminder' ||
    send.kind === 'revisit'
    ? send.kind
    : 'milestone';
}

/** The send in words, as "calendrier des sessions" says it. */
function describeSessionSend(send: PlannedSessionSend, t: Translate): string {
  const milestone = PREPARATION_MILESTONES.find((m) => m.id === send.kind);
  return milestone === undefined
    ? t(`labSession.send.${recipientsOf(send) as 'hot' | 'cold' | 'coldReminder' | 'revisit'}`)
    : t('labSession.send.milestone', {
        days: milestone.daysBefore,
        milestone: t(`labSession.milestone.${milestone.id}`),
      });
}

/** The command line writes plain spaces, not the cards' typographic ones. */
function plain(text: string): string {
  return text.replace(/[\u00a0\u202f]/g, ' ');
}

function parseOptions(args: string[]): PreviewOptions | undefined {
  const values: Record<string, string> = {};
  let json = false;
  let sessions = false;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index];
    if (arg === '--json') {
      json = true;
    } else if (arg === '--sessions') {
      sessions = true;
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
  if ((programme === undefined && !sessions) || from === undefined || to === undefined) {
    return undefined;
  }
  if (!isCalendarDay(from) || !isCalendarDay(to) || from > to) return undefined;
  return { programme, sessions, from, to, json };
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
  lines: (PreviewLine | SessionPreviewLine)[],
  kinds: string[],
  language: 'fr' | 'en',
  withSessions: boolean,
): string {
  const header =
    language === 'en'
      ? [
          'Local time',
          'Time zone',
          'Send',
          withSessions ? 'Team or session' : 'Team',
          'Recipient',
          'UTC',
        ]
      : [
          'Heure locale',
          'Fuseau',
          'Envoi',
          withSessions ? 'Équipe ou session' : 'Équipe',
          'Destinataire',
          'UTC',
        ];
  const rows = lines.map((line, index) => [
    line.localTime,
    line.timezone,
    kinds[index] ?? '',
    'session' in line ? `${line.session} · ${line.subject}` : line.team,
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
