/**
 * `npm run bench -- digest [--database sqlite|postgres|both] [--runs N]`: a generated
 * national-scale programme (300 organisations, 20,000 candidacies, 2,000 teams, 12 months of
 * check-ins and their outbox traffic) in SQLite and in PostgreSQL (a schema of its own, dropped
 * at the end), then the time to build a digest in each phase, with, in the same run, a plain
 * `SELECT count(*)` over the check-ins as the baseline. Prints JSON; a full default run also
 * writes bench/results/digest.json.
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql, type Kysely } from 'kysely';
import type { DatabaseHandle } from '../src/adapters/sql/open-database';
import type { Database } from '../src/adapters/sql/schema';
import { SqlDigestSource } from '../src/adapters/sql/sql-digest-source';
import type { OutboxTable } from '../src/adapters/sql/sql-outbox-store';
import { buildDigestCard } from '../src/features/digests/build-digest-card';
import type { CandidacyStatus } from '../src/core/candidacies/candidacy';
import { HELP_CATEGORIES, type CheckinStatus } from '../src/core/follow-up/checkin-answer';
import { getProgrammeDigest } from '../src/core/digests/get-programme-digest';
import { addMonths } from '../src/core/follow-up/checkin-window';
import { BRANCHES, type Organisation, type Programme } from '../src/core/programmes/programme';
import type { ProgrammeTeam } from '../src/core/programmes/programme-team';
import { createRandom, type Random } from '../src/core/team-formation/create-random';
import { createTranslator } from '../src/i18n/translate';
import { testDatabases } from '../test/contract/test-databases';

/** The national scale. */
const ORGANISATIONS = 300;
const CANDIDACIES = 20_000;
const TEAMS = 2_000;
const MONTHS = 12;
/** Each facilitator follows about twenty teams, two per team: 200 facilitators. */
const FACILITATORS = 200;
/** Unfinished forms during the call: about one candidate in seven. */
const DRAFTS = 3_000;
/** The target for the whole digest on SQLite. */
const TARGET_MS = 300;
/** Timed runs per measure after one warm-up; the median is reported. */
const DEFAULT_RUNS = 7;
/** Rows per INSERT: 20 columns × 400 stays under SQLite's 32,766 bound parameters. */
const INSERT_CHUNK = 400;
const SEED = 20_261_123;

const RESULTS_FILE = join(__dirname, 'results', 'digest.json');

const PROGRAMME_ID = 'defi-national';
const FOLLOW_UP_START = '2026-09-01';

/** The days each phase is measured on: call open, selection, and the March check-in with its review ahead. */
const PHASE_DAYS = {
  call: '2026-03-30T07:00:00.000Z',
  selection: '2026-04-27T07:00:00.000Z',
  followUp: '2027-03-08T08:00:00.000Z',
} as const;

interface Options {
  databases: ('sqlite' | 'postgres')[];
  runs: number;
}

function parseOptions(args: readonly string[]): Options {
  const options: Options = { databases: ['sqlite', 'postgres'], runs: DEFAULT_RUNS };
  for (let i = 0; i < args.length; i += 1) {
    const value = args[i + 1];
    if (args[i] === '--database' && (value === 'sqlite' || value === 'postgres')) {
      options.databases = [value];
      i += 1;
    } else if (args[i] === '--database' && value === 'both') {
      i += 1;
    } else if (args[i] === '--runs' && value !== undefined && /^[1-9]\d*$/.test(value)) {
      options.runs = Number(value);
      i += 1;
    } else {
      throw new Error(
        `digest: unknown option ${args[i]}; use --database sqlite|postgres|both and --runs N`,
      );
    }
  }
  return options;
}

/** The national programme: 300 organisations over every branch, follow-up from September to August. */
export function createNationalProgramme(): Programme {
  const organisations: Organisation[] = Array.from({ length: ORGANISATIONS }, (_, index) => ({
    id: `org-${String(index + 1).padStart(3, '0')}`,
    name: `Organisme ${index + 1}`,
    branch: BRANCHES[index % BRANCHES.length] ?? 'famille',
    region: 'France',
    timezone: 'Europe/Paris',
    holidays: 'FR',
  }));
  return {
    id: PROGRAMME_ID,
    name: 'Défi du Lab national',
    theme: 'Innovation',
    description: '',
    intakeMode: 'individual',
    organisations,
    seats: 12_000,
    maxPerOrganisation: 60,
    themeOptions: [{ id: 'qvt', label: 'Qualité de vie au travail' }],
    milestones: {
      candidacyOpen: '2026-03-02',
      candidacyClose: '2026-04-03',
      selectionCommittee: '2026-04-24',
      kickOff: '2026-05-13',
      hackathonStart: '2026-06-25',
      hackathonEnd: '2026-06-26',
      followUpStart: FOLLOW_UP_START,
      decemberReview: '2026-12-10',
      marchReview: '2027-03-11',
      end: '2027-08-31',
    },
  };
}

function pick<T>(random: Random, weighted: readonly [T, number][]): T {
  let roll = random.next();
  for (const [value, weight] of weighted) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return weighted[weighted.length - 1]![0];
}

const STATUS_WEIGHTS: [CandidacyStatus, number][] = [
  ['submitted', 0.3],
  ['waitlisted', 0.1],
  ['accepted', 0.1],
  ['confirmed', 0.35],
  ['declined', 0.1],
  ['withdrawn', 0.04],
  ['lapsed', 0.01],
];

const CHECKIN_WEIGHTS: [CheckinStatus, number][] = [
  ['on-track', 0.7],
  ['at-risk', 0.2],
  ['blocked', 0.1],
];

/** The tables the bench writes, the outbox's type living with its store. */
type BenchDatabase = Database & { outbox: OutboxTable };

async function insertAll(
  db: Kysely<BenchDatabase>,
  table: keyof BenchDatabase,
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    // The rows are built below in each table's column shape.
    await db
      .insertInto(table)
      .values(rows.slice(start, start + INSERT_CHUNK))
      .execute();
  }
}

/** Writes the generated programme in the stores’ own row formats; returns what it wrote. */
export async function seedNationalProgramme(
  database: DatabaseHandle,
  programme: Programme,
): Promise<Record<string, number>> {
  const db = database.db.withTables<{ outbox: OutboxTable }>();
  const random = createRandom(SEED);
  const at = (day: string): string => new Date(`${day}T10:00:00.000Z`).toISOString();
  await db
    .insertInto('programmes')
    .values({
      id: programme.id,
      name: programme.name,
      candidacy_open: programme.milestones.candidacyOpen,
      data: JSON.stringify(programme),
      created_at: at('2026-01-05'),
      updated_at: at('2026-01-05'),
    })
    .execute();

  const candidacies = Array.from({ length: CANDIDACIES }, (_, index) => {
    const status = pick(random, STATUS_WEIGHTS);
    const submittedDay = `2026-03-${String(2 + random.below(30)).padStart(2, '0')}`;
    return {
      id: `cand-${index + 1}`,
      programme_id: programme.id,
      applicant_aad_id: `applicant-${index + 1}`,
      applicant_name: `Candidat ${index + 1}`,
      organisation_id: programme.organisations[random.below(ORGANISATIONS)]!.id,
      mode: 'individual',
      status,
      seat_count: 1,
      answers: JSON.stringify({ mode: 'individual', motivation: 'Motivation' }),
      consent_at: at(submittedDay),
      submitted_at: at(submittedDay),
      updated_at: at(submittedDay),
      decided_at: status === 'submitted' ? null : at('2026-04-24'),
      decided_by: status === 'submitted' ? null : 'lab',
      waitlisted_at: status === 'waitlisted' ? at('2026-04-24') : null,
      confirm_by:
        status === 'accepted' ? `2026-05-${String(1 + random.below(9)).padStart(2, '0')}` : null,
      confirmed_at: status === 'confirmed' ? at('2026-04-30') : null,
    };
  });
  await insertAll(db, 'candidacies', candidacies);
  const scores = candidacies.flatMap((candidacy) =>
    random.next() < 0.6
      ? Array.from({ length: 1 + random.below(3) }, (_, member) => ({
          candidacy_id: candidacy.id,
          member_aad_id: `member-${member + 1}`,
          programme_id: programme.id,
          score_values: JSON.stringify({ impact: 1 + random.below(5) }),
          comment: '',
          scored_at: at('2026-04-20'),
        }))
      : [],
  );
  await insertAll(db, 'candidacy_scores', scores);
  await insertAll(
    db,
    'candidacy_drafts',
    Array.from({ length: DRAFTS }, (_, index) => ({
      programme_id: programme.id,
      applicant_aad_id: `drafter-${index + 1}`,
      applicant_name: `Brouillon ${index + 1}`,
      fields: '{}',
      updated_at: at('2026-03-20'),
    })),
  );

  const teams: ProgrammeTeam[] = Array.from({ length: TEAMS }, (_, index) => {
    const number = index + 1;
    const members = Array.from({ length: 6 }, (__, m) => ({
      aadId: `member-${number}-${m + 1}`,
      name: `Participant ${number}.${m + 1}`,
      organisationId: programme.organisations[(index * 6 + m) % ORGANISATIONS]!.id,
    }));
    const facilitators = [index % FACILITATORS, (index + 1) % FACILITATORS].map((f) => ({
      aadId: `facilitator-${f + 1}`,
      name: `Facilitateur ${f + 1}`,
      organisationId: 'lab',
    }));
    return {
      id: `team-${number}`,
      programmeId: programme.id,
      number,
      name: `Équipe ${number} · Transformation numérique`,
      leadAadId: members[0]!.aadId,
      members,
      facilitators,
      workspace: { kind: 'channel', conversationId: `19:team-${number}@thread.tacv2` },
    };
  });
  await insertAll(
    db,
    'programme_teams',
    teams.map((team) => ({
      programme_id: programme.id,
      team_id: team.id,
      number: team.number,
      data: JSON.stringify(team),
      updated_at: at('2026-05-13'),
    })),
  );
  await insertAll(
    db,
    'programme_team_people',
    teams.flatMap((team) => [
      { programme_id: programme.id, team_id: team.id, aad_id: team.leadAadId, role: 'lead' },
      ...team.members.map((m) => ({
        programme_id: programme.id,
        team_id: team.id,
        aad_id: m.aadId,
        role: 'member',
      })),
      ...team.facilitators.map((f) => ({
        programme_id: programme.id,
        team_id: team.id,
        aad_id: f.aadId,
        role: 'facilitator',
      })),
    ]),
  );

  const checkins: Record<string, unknown>[] = [];
  const outbox: OutboxTable[] = [];
  const message = (
    key: string,
    state: string,
    conversationId: string,
    day: string,
    error: string | null = null,
  ): OutboxTable => ({
    key,
    batch_id: null,
    target: JSON.stringify({ kind: 'conversation', conversationId }),
    payload: '{"kind":"text","text":"…"}',
    state,
    not_before: at(day),
    next_attempt_at: at(day),
    attempts: 0,
    throttles: 0,
    lease_owner: null,
    lease_until: null,
    conversation_id: state === 'sent' ? conversationId : null,
    activity_id: state === 'sent' ? 'activity' : null,
    last_error: error,
    created_at: at(day),
    completed_at: state === 'pending' ? null : at(day),
  });
  for (let offset = 0; offset < MONTHS; offset += 1) {
    const month = addMonths(FOLLOW_UP_START.slice(0, 7), offset);
    for (const team of teams) {
      const target = `${programme.id}/${team.id}`;
      const lead = `a:personal-${team.leadAadId}`;
      // One lead in a hundred blocked the bot or left; their messages come back unreachable.
      const unreachable = random.next() < 0.01;
      outbox.push(
        unreachable
          ? message(
              `checkin:${month}:${target}/lead`,
              'unreachable',
              lead,
              `${month}-01`,
              random.next() < 0.5 ? '403 MessageWritesBlocked' : '404 conversation not found',
            )
          : message(`checkin:${month}:${target}/lead`, 'sent', lead, `${month}-01`),
        message(
          `checkin:${month}:${target}/channel`,
          'sent',
          team.workspace!.conversationId,
          `${month}-01`,
        ),
      );
      if (random.next() < 0.85) {
        const status = pick(random, CHECKIN_WEIGHTS);
        const help =
          status === 'on-track'
            ? { category: 'none', text: '' }
            : {
                category: HELP_CATEGORIES[1 + random.below(HELP_CATEGORIES.length - 1)],
                text: 'Besoin d’un appui du Lab sur les données et la communication interne.',
              };
        const answeredAt = at(`${month}-0${1 + random.below(8)}`);
        checkins.push({
          programme_id: programme.id,
          team_id: team.id,
          month,
          data: JSON.stringify({
            status,
            progress: Math.min(100, offset * 8 + random.below(20)),
            done: 'Ateliers avec les équipes',
            nextSteps: 'Élargir l’expérimentation',
            help,
            indicators: {},
            answeredBy: { aadId: team.leadAadId, name: 'Référent' },
          }),
          answered_by: team.leadAadId,
          answered_at: answeredAt,
          first_answered_at: answeredAt,
          late: random.next() < 0.1 ? 1 : 0,
          revision: 1,
        });
      } else {
        for (const day of [3, 5]) {
          outbox.push(
            message(
              `checkin-reminder-d${day}:${month}:${target}/lead`,
              'sent',
              lead,
              `${month}-0${day}`,
            ),
          );
        }
        for (const facilitator of team.facilitators) {
          outbox.push(
            message(
              `checkin-escalation:${month}:${target}/facilitator-${facilitator.aadId}`,
              'sent',
              `a:personal-${facilitator.aadId}`,
              `${month}-09`,
            ),
          );
        }
      }
    }
  }
  await insertAll(db, 'checkin_answers', checkins);
  await insertAll(db, 'outbox', outbox as unknown as Record<string, unknown>[]);
  const reviews = teams.flatMap((team) => {
    const rows: Record<string, unknown>[] = [];
    const answer = (review: string, kind: string, fields: Record<string, string>) => ({
      programme_id: programme.id,
      team_id: team.id,
      review,
      kind,
      data: JSON.stringify({ fields, answeredBy: { aadId: team.leadAadId, name: 'Référent' } }),
      answered_by: team.leadAadId,
      answered_at: at('2026-12-01'),
      revision: 1,
    });
    const preparation = { results: 'R', indicators: 'I', decisionsNeeded: 'D', nextSteps: 'N' };
    if (random.next() < 0.9) rows.push(answer('december', 'preparation', preparation));
    if (random.next() < 0.8) {
      rows.push(
        answer('december', 'outcome', { decision: 'continue', nextSteps: 'N', owner: 'O' }),
      );
    }
    if (random.next() < 0.5) rows.push(answer('march', 'preparation', preparation));
    return rows;
  });
  await insertAll(db, 'review_answers', reviews);
  // Fresh statistics, as a database in service would have: the planner needs them on both dialects.
  await sql`analyze`.execute(db);
  return {
    organisations: ORGANISATIONS,
    candidacies: candidacies.length,
    scores: scores.length,
    drafts: DRAFTS,
    teams: teams.length,
    checkins: checkins.length,
    outbox: outbox.length,
    reviewAnswers: reviews.length,
  };
}

async function median(runs: number, work: () => Promise<unknown>): Promise<number> {
  await work();
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

async function measure(
  name: 'sqlite' | 'postgres',
  runs: number,
): Promise<Record<string, unknown>> {
  const target = testDatabases().find((candidate) => candidate.name === name)!;
  const database = await target.open();
  try {
    const programme = createNationalProgramme();
    const seedStart = performance.now();
    const rows = await seedNationalProgramme(database, programme);
    const seedSeconds = Math.round((performance.now() - seedStart) / 100) / 10;
    const source = new SqlDigestSource(database.db);
    const digestAt = (instant: string, facilitatorAadId?: string) => () =>
      getProgrammeDigest(
        { source, clock: { now: () => new Date(instant) } },
        programme,
        facilitatorAadId === undefined ? {} : { facilitatorAadId },
      );
    const baselineMs = await median(runs, () =>
      sql`select count(*) from checkin_answers`.execute(database.db),
    );
    const digestMs = {
      call: await median(runs, digestAt(PHASE_DAYS.call)),
      selection: await median(runs, digestAt(PHASE_DAYS.selection)),
      followUp: await median(runs, digestAt(PHASE_DAYS.followUp)),
      facilitator: await median(runs, digestAt(PHASE_DAYS.followUp, 'facilitator-1')),
    };
    const worst = Math.max(digestMs.call, digestMs.selection, digestMs.followUp);
    // SQLite counts a table from its b-tree's page headers: microseconds, hence three decimals.
    const ms = (value: number): number => Math.round(value * 1000) / 1000;
    const followUp = await digestAt(PHASE_DAYS.followUp)();
    const card = buildDigestCard({ language: 'fr', t: createTranslator('fr') }, followUp);
    return {
      database: name,
      rows,
      seedSeconds,
      baselineCountCheckinsMs: ms(baselineMs),
      digestMs: {
        call: ms(digestMs.call),
        selection: ms(digestMs.selection),
        followUp: ms(digestMs.followUp),
        facilitator: ms(digestMs.facilitator),
      },
      worstDigestMs: ms(worst),
      ratioToBaseline: Math.round(worst / baselineMs),
      followUpCardBytes: Buffer.byteLength(JSON.stringify(card)),
      ...(name === 'sqlite' ? { targetMs: TARGET_MS, targetMet: worst < TARGET_MS } : {}),
    };
  } finally {
    await database.close();
  }
}

/** Runs the digest benchmark; see the file comment. */
export async function runDigestBenchmark(
  args: readonly string[],
): Promise<Record<string, unknown>> {
  const options = parseOptions(args);
  const results: Record<string, unknown>[] = [];
  for (const name of options.databases) results.push(await measure(name, options.runs));
  const figures = {
    date: new Date().toISOString(),
    machine: { node: process.version, cpus: cpus().length },
    runs: options.runs,
    measuredOn: PHASE_DAYS,
    results,
  };
  if (args.length === 0) {
    writeFileSync(RESULTS_FILE, `${JSON.stringify({ bench: 'digest', ...figures }, null, 2)}\n`);
  }
  return figures;
}
