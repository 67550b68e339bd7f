import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { formTeams } from '../core/team-formation/form-teams';
import { parseTeamFormationInput } from '../core/team-formation/parse-team-formation-input';
import type {
  TeamFormationInput,
  TeamFormationResult,
} from '../core/team-formation/team-formation';
import { toLanguage, type Language } from '../i18n/translate';

/** Where the command writes, and the user's locale (from LANG); French unless English is asked for. */
export interface TeamsFormCommandIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  locale: string | undefined;
}

/** Exit codes of `labbot teams form`, part of its contract with scripts and benchmarks. */
export const TEAMS_FORM_EXIT = { ok: 0, badInput: 1, infeasible: 2, usage: 64 } as const;

/** Seed used when none is given, so a bare run is still reproducible. */
export const DEFAULT_SEED = 1;

const USAGE = {
  fr: `Usage : labbot teams form --input FICHIER [--seed N] [--json]
  Forme les équipes du fichier JSON (participants, nombre d'équipes, tailles, règles).
  --seed N  graine (entier ≥ 0, ${DEFAULT_SEED} par défaut) : même fichier et même graine, même résultat
  --json    résultat en JSON ; sinon un tableau lisible
  Codes de sortie : 0 équipes formées, 1 fichier invalide, 2 règles impossibles à respecter, 64 usage.
`,
  en: `Usage: labbot teams form --input FILE [--seed N] [--json]
  Forms the teams of the JSON file (participants, team count, sizes, rules).
  --seed N  seed (integer ≥ 0, default ${DEFAULT_SEED}): same file and seed, same result
  --json    print JSON; otherwise a readable table
  Exit codes: 0 teams formed, 1 invalid file, 2 rules cannot be met, 64 usage.
`,
};

/**
 * `labbot teams form --input FILE --seed N --json`: prints the formation (JSON or a table) and
 * exits 0; 1 when the file is unreadable or invalid (each problem named); 2 when the hard rules
 * cannot be met (the explanation on stderr); 64 on a usage error.
 */
export async function runTeamsFormCommand(argv: string[], io: TeamsFormCommandIo): Promise<number> {
  const language = toLanguage(io.locale);
  const say = (fr: string, en: string): string => (language === 'fr' ? fr : en);
  let values: {
    input?: string | undefined;
    seed?: string | undefined;
    json?: boolean | undefined;
    help?: boolean | undefined;
  };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        input: { type: 'string', short: 'i' },
        seed: { type: 'string', short: 's' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n${USAGE[language]}`);
    return TEAMS_FORM_EXIT.usage;
  }
  if (values.help) {
    io.stdout.write(USAGE[language]);
    return TEAMS_FORM_EXIT.ok;
  }
  if (values.input === undefined) {
    io.stderr.write(say('--input est obligatoire\n', '--input is required\n') + USAGE[language]);
    return TEAMS_FORM_EXIT.usage;
  }
  const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
  if (!/^\d+$/.test(values.seed ?? '0') || !Number.isSafeInteger(seed)) {
    io.stderr.write(
      say(
        `--seed doit être un entier positif ou nul, pas « ${values.seed} »\n`,
        `--seed must be a non-negative integer, not "${values.seed}"\n`,
      ),
    );
    return TEAMS_FORM_EXIT.usage;
  }

  const file = values.input;
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? say('fichier introuvable', 'file not found')
        : error instanceof SyntaxError
          ? say(`JSON invalide (${error.message})`, `invalid JSON (${error.message})`)
          : String(error);
    io.stderr.write(`${file}${say(' : ', ': ')}${reason}\n`);
    return TEAMS_FORM_EXIT.badInput;
  }
  const parsed = parseTeamFormationInput(raw, language);
  if (!parsed.ok) {
    for (const problem of parsed.problems)
      io.stderr.write(`${file}${say(' : ', ': ')}${problem}\n`);
    io.stderr.write(
      say(
        `${parsed.problems.length} erreur(s) ; aucune équipe formée.\n`,
        `${parsed.problems.length} error(s); no team formed.\n`,
      ),
    );
    return TEAMS_FORM_EXIT.badInput;
  }
  for (const warning of parsed.warnings) {
    io.stderr.write(`${file}${say(' : attention, ', ': warning, ')}${warning}\n`);
  }

  const outcome = formTeams(parsed.input, { seed, language });
  if (!outcome.feasible) {
    io.stderr.write(
      say(
        'Impossible de former les équipes en respectant les règles :\n',
        'The teams cannot be formed within the rules:\n',
      ),
    );
    for (const line of outcome.explanation) io.stderr.write(`- ${line}\n`);
    return TEAMS_FORM_EXIT.infeasible;
  }
  io.stdout.write(
    values.json
      ? `${JSON.stringify(outcome.result, null, 2)}\n`
      : toTable(parsed.input, outcome.result, language),
  );
  return TEAMS_FORM_EXIT.ok;
}

function toTable(
  input: TeamFormationInput,
  result: TeamFormationResult,
  language: Language,
): string {
  const fr = language === 'fr';
  const number = (value: number): string => {
    const written = value.toFixed(1);
    return fr ? written.replace('.', ',') : written;
  };
  const organisationOf = new Map(input.people.map((p) => [p.id, p.organisation]));
  const rows = result.teams.map((team, index) => [
    `${index + 1}`,
    number(team.score),
    team.theme ?? '',
    team.members.map((id) => `${id} (${organisationOf.get(id) ?? ''})`).join(', '),
    team.facilitators.join(', '),
  ]);
  const header = fr
    ? ['Équipe', 'Score', 'Thème', 'Membres (organisation)', 'Animateurs']
    : ['Team', 'Score', 'Theme', 'Members (organisation)', 'Facilitators'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: string[]): string =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd();
  const out = [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line), ''];
  result.teams.forEach((team, index) => {
    out.push(`${fr ? 'Équipe' : 'Team'} ${index + 1}`);
    for (const sentence of team.explanation) out.push(`  · ${sentence}`);
  });
  out.push(
    '',
    fr
      ? `Pire équipe : ${number(result.worstScore)} · moyenne : ${number(result.meanScore)} · règles enfreintes : ${result.hardViolations} · graine : ${result.seed}`
      : `Worst team: ${number(result.worstScore)} · mean: ${number(result.meanScore)} · rules broken: ${result.hardViolations} · seed: ${result.seed}`,
    '',
  );
  return out.join('\n');
}
