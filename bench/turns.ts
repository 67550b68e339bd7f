/**
 * `npm run bench -- turns [--turns N] [--concurrency C] [--rounds R] [--warmup W] [--only k,k]`:
 * the cost of a bot turn. Recorded Teams activities are posted, C at a time, through the real
 * HTTP server and TeamsAdapter to the bot on its embedded SQLite, replies going to a connector on
 * loopback: "aide" (the help card), a check-in answer (Action.Execute, SQLite write, the card
 * updated), the channel card's automatic refresh, a candidacy submission (300 candidates in turn)
 * and "tableau de bord" (the Lab's digest of the 2026 programme). The baseline, in the same run
 * and through the same HTTP server, adapter and connector: a bare teams-ai echo bot with
 * MemoryStorage. Each round runs every card kind right beside an echo run of its own (in
 * alternating order), so a busy moment of the shared machine weighs on both sides of a ratio;
 * the median over the rounds is printed. Prints JSON; a run with the default options also writes
 * bench/results/turns.json. See docs/performance.md.
 */
import { Application, TeamsAdapter, TurnState } from '@microsoft/teams-ai';
import { MemoryStorage } from 'botbuilder';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { createServer } from '../src/http/create-server';
import { createLogger } from '../src/logger';
import { BotHarness } from '../test/bot/support/bot-harness';
import { BOT_PROGRAMME, candidate } from '../test/bot/support/candidacy-bot';
import { loadExample2026 } from '../test/support/follow-up-fakes';
import { loadActivity } from '../test/support/load-activity';

/** Tuesday 3 November 2026, 10:12 in Paris: the check-in is open and so is the call. */
const ON_TIME = new Date('2026-11-03T09:12:00.000Z');
/** The targets of the issue: a card turn costs at most twice an echo turn. */
const TARGET_MAX_COST_RATIO = 2;
const TARGET_MAX_P99_RATIO = 3;
/**
 * The turns the target is set for (issue 12: "help and check-in-answer turns ≥ 0.5 of the echo
 * bot's turns/s"); the others show whether they meet it too, without deciding the run's verdict.
 */
const TARGET_KINDS = ['help', 'checkinAnswer'];
/** Statements of the background delivery worker and scheduler, which run beside the turns. */
const BACKGROUND = /\boutbox\b|job_occurrences/;
/** Candidates of the call: a large one for the Défi (2022 had 39 people). */
const CANDIDATES = 300;
const RESULTS_FILE = join(__dirname, 'results', 'turns.json');

const DEFAULTS = { turns: 200, concurrency: 50, rounds: 5, warmup: 50 };
type Options = typeof DEFAULTS;

function parseOptions(args: readonly string[]): Options & { only?: string[] } {
  const options: Options & { only?: string[] } = { ...DEFAULTS };
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i]?.replace(/^--/, '');
    const value = args[i + 1];
    if (name === 'only' && value !== undefined) {
      // For profiling one kind: `--only candidacySubmit` (the echo bot always runs).
      options.only = value.split(',');
      continue;
    }
    if (name === undefined || !(name in options) || value === undefined || !/^\d+$/.test(value)) {
      throw new Error(
        `turns: unknown option ${args[i]}; use --turns N --concurrency C --rounds R --warmup W --only kind,kind`,
      );
    }
    options[name as keyof Options] = Number(value);
  }
  if (options.turns < 1 || options.concurrency < 1 || options.rounds < 1) {
    throw new Error('turns: --turns, --concurrency and --rounds must be at least 1');
  }
  return options;
}

/** One kind of turn: where it goes, the activity for its n-th turn, what its answer says. */
interface TurnKind {
  name: string;
  target: 'echo' | 'bot';
  activity: (n: number) => Record<string, unknown>;
  /** Checked on the turn that counts queries, so the bench measures the turn it claims to. */
  expect: RegExp;
  /**
   * Sent before the counted turn: by default the turn itself, so the count is that of a person
   * who has used it before (their conversation and context known).
   */
  prime?: Record<string, unknown>;
}

/** The recorded activity as someone else, in their own personal chat. */
function as(activity: Record<string, unknown>, user: ReturnType<typeof candidate>) {
  return {
    ...activity,
    from: { ...user },
    conversation: {
      ...(activity.conversation as Record<string, unknown>),
      id: `a:1personal-${user.aadObjectId}`,
    },
  };
}

function turnKinds(): TurnKind[] {
  const aide = loadActivity('personal-message-aide');
  const answer = loadActivity('invoke-checkin-answer');
  const refresh = loadActivity('invoke-checkin-refresh-channel');
  const submit = loadActivity('invoke-candidacy-submit');
  const admin = loadActivity('personal-message-status-admin');
  return [
    { name: 'echo', target: 'echo', activity: () => aide, expect: /"text":"aide"/ },
    { name: 'help', target: 'bot', activity: () => aide, expect: /AdaptiveCard/ },
    {
      name: 'checkinAnswer',
      target: 'bot',
      activity: () => answer,
      expect: /Réponse enregistrée/,
    },
    {
      name: 'checkinRefresh',
      target: 'bot',
      activity: () => refresh,
      expect: /Réponse de Camille Martin/,
    },
    {
      name: 'candidacySubmit',
      target: 'bot',
      // A call's worth of candidates in turn: first submissions, then their edits, so the
      // programme holds as many candidacies at the last round as at the first.
      activity: (n) => as(submit, candidate(1 + (n % CANDIDATES))),
      // Counted: a first submission by someone who has talked to the bot before.
      prime: as(aide, candidate(1)),
      expect: /Candidature envoyée/,
    },
    {
      name: 'dashboard',
      target: 'bot',
      activity: () => ({ ...admin, text: 'tableau de bord defi-du-lab-2026' }),
      expect: /AdaptiveCard/,
    },
  ];
}

/**
 * The Bot Connector on loopback for the timed runs: answers like the service (201 with an id for
 * a new activity, 200 for an update, a member with an e-mail address for a member lookup) without
 * reading or keeping what it is sent, so its own work is the same small amount for every turn.
 * The recording connector of the bot tests parses and keeps every body, which would bill a card
 * turn for the fake's work on its larger card.
 */
async function startLoopbackConnector(): Promise<{ url: string; stop: () => Promise<void> }> {
  let next = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const member = /\/members\/([^/?]+)$/.exec(req.url ?? '');
      if (req.method === 'GET' && member !== null) {
        const aadObjectId = decodeURIComponent(member[1]!);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            id: `29:${aadObjectId}`,
            aadObjectId,
            name: 'Bench',
            email: `${aadObjectId}@example.net`,
          }),
        );
        return;
      }
      next += 1;
      res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' });
      res.end(`{"id":"activity-${next}"}`);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
      });
    },
  };
}

/** The bare teams-ai echo bot: MemoryStorage, one message route, the same HTTP server. */
async function startEchoBot(): Promise<{ url: string; stop: () => Promise<void> }> {
  const adapter = new TeamsAdapter();
  const app = new Application<TurnState>({
    adapter,
    storage: new MemoryStorage(),
    startTypingTimer: false,
  });
  app.activity('message', async (context) => {
    await context.sendActivity(context.activity.text ?? '');
  });
  const { server } = createServer({
    adapter,
    runTurn: (context) => app.run(context),
    isDatabaseUp: () => Promise.resolve(true),
    maxBodyBytes: 256 * 1024,
    logger: createLogger('silent'),
  });
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    stop: async () => {
      server.server.closeIdleConnections?.();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
      });
    },
  };
}

interface RoundFigures {
  turnsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU time of the whole process (bot, echo bot, client, connector) per turn. */
  cpuMsPerTurn: number;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const round2 = (value: number): number => Math.round(value * 100) / 100;

class Poster {
  private next = 0;
  constructor(
    private readonly urls: Record<TurnKind['target'], string>,
    /** Where the bot's replies go: the recording connector, then the bench's own. */
    public connectorUrl: string,
  ) {}

  /** Posts the kind's next activity; resolves with its status and body. */
  async post(
    kind: TurnKind,
    activity = kind.activity(this.next + 1),
  ): Promise<{ status: number; text: string }> {
    this.next += 1;
    const response = await fetch(`${this.urls[kind.target]}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ...activity,
        id: `bench-${this.next}`,
        serviceUrl: this.connectorUrl,
      }),
    });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`${kind.name}: HTTP ${response.status} ${text}`);
    return { status: response.status, text };
  }

  /** `turns` turns of one kind, `concurrency` in flight at once. */
  async run(kind: TurnKind, turns: number, concurrency: number): Promise<RoundFigures> {
    const latencies: number[] = [];
    let started = 0;
    const cpu = process.cpuUsage();
    const begin = performance.now();
    const worker = async (): Promise<void> => {
      while (started < turns) {
        started += 1;
        const at = performance.now();
        await this.post(kind);
        latencies.push(performance.now() - at);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, turns) }, worker));
    const seconds = (performance.now() - begin) / 1_000;
    const { user, system } = process.cpuUsage(cpu);
    latencies.sort((a, b) => a - b);
    return {
      cpuMsPerTurn: (user + system) / 1_000 / turns,
      turnsPerSecond: turns / seconds,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
    };
  }
}

export async function runTurnsBenchmark(args: readonly string[]): Promise<Record<string, unknown>> {
  const options = parseOptions(args);
  const kinds = turnKinds().filter(
    (kind) =>
      kind.target === 'echo' || options.only === undefined || options.only.includes(kind.name),
  );
  let counting = false;
  const queries: string[] = [];
  const harness = new BotHarness();
  harness.options = {
    onQuery: (sql) => {
      if (counting && !BACKGROUND.test(sql)) queries.push(sql);
    },
  };
  await harness.start();
  const echo = await startEchoBot();
  const loopback = await startLoopbackConnector();
  try {
    harness.clock.set(ON_TIME);
    const { programme, teams } = loadExample2026();
    await harness.bot.programmes.save(programme);
    await harness.bot.teams.replaceAll(programme.id, teams);
    await harness.bot.programmes.save(BOT_PROGRAMME);
    // The candidates are known to the member API, as in Teams (an address of no organisation's
    // domain: the organisation they declare stands).
    for (let n = 1; n <= CANDIDATES; n += 1) {
      const { aadObjectId, name } = candidate(n);
      harness.connector.members.set(aadObjectId, { email: `candidat.${n}@example.net`, name });
    }
    const poster = new Poster({ echo: echo.url, bot: harness.url }, harness.connector.url);
    // The check-in card's refresh shows an answer: there is one from the start.
    const { status } = await harness.send(loadActivity('invoke-checkin-answer'));
    if (status !== 200) throw new Error(`seeding the check-in answer: HTTP ${status}`);

    // One turn of each kind, counted: SQL statements and calls to the connector.
    const perTurn: Record<string, { queries: number; connectorCalls: number }> = {};
    for (const kind of kinds) {
      await poster.post(
        kind.prime === undefined ? kind : { ...kind, target: 'bot' },
        kind.prime ?? kind.activity(0),
      );
      queries.length = 0;
      const callsBefore = harness.connector.calls.length;
      counting = true;
      const { text } = await poster.post(kind, kind.activity(0));
      counting = false;
      const callsText = JSON.stringify(harness.connector.calls.slice(callsBefore));
      if (!kind.expect.test(text) && !kind.expect.test(callsText)) {
        throw new Error(`${kind.name}: unexpected answer ${text.slice(0, 300)}`);
      }
      perTurn[kind.name] = {
        queries: kind.target === 'echo' ? 0 : queries.length,
        connectorCalls: harness.connector.calls.length - callsBefore,
      };
    }

    poster.connectorUrl = loopback.url;
    for (const kind of kinds) await poster.run(kind, options.warmup, options.concurrency);
    const rounds = new Map<string, RoundFigures[]>(kinds.map((kind) => [kind.name, []]));
    // Each card kind runs right beside an echo run of its own, in alternating order, so a busy
    // moment of the shared machine weighs on both sides of its ratio.
    const pairedEcho = new Map<string, RoundFigures[]>(kinds.map((kind) => [kind.name, []]));
    const echoKind = kinds.find((kind) => kind.target === 'echo')!;
    for (let round = 0; round < options.rounds; round += 1) {
      for (const kind of kinds) {
        if (kind === echoKind) continue;
        const pair: RoundFigures[] = [];
        for (const runKind of round % 2 === 0 ? [echoKind, kind] : [kind, echoKind]) {
          pair.push(await poster.run(runKind, options.turns, options.concurrency));
        }
        const [echoRun, kindRun] = round % 2 === 0 ? pair : [...pair].reverse();
        rounds.get(echoKind.name)!.push(echoRun!);
        rounds.get(kind.name)!.push(kindRun!);
        pairedEcho.get(kind.name)!.push(echoRun!);
      }
    }

    const turns = Object.fromEntries(
      kinds.map((kind) => {
        const all = rounds.get(kind.name)!;
        const echoes = kind === echoKind ? all : pairedEcho.get(kind.name)!;
        // Cost of a turn relative to an echo turn (the inverse of the throughput ratio), pair by
        // pair, then the median over the rounds.
        const costRatio = round2(
          median(all.map((r, i) => echoes[i]!.turnsPerSecond / r.turnsPerSecond)),
        );
        const p99Ratio = round2(median(all.map((r, i) => r.p99Ms / echoes[i]!.p99Ms)));
        // The same cost in CPU time: other people's load on the machine moves it much less.
        const cpuRatio = round2(
          median(all.map((r, i) => r.cpuMsPerTurn / echoes[i]!.cpuMsPerTurn)),
        );
        return [
          kind.name,
          {
            turnsPerSecond: round2(median(all.map((r) => r.turnsPerSecond))),
            p50Ms: round2(median(all.map((r) => r.p50Ms))),
            p99Ms: round2(median(all.map((r) => r.p99Ms))),
            cpuMsPerTurn: round2(median(all.map((r) => r.cpuMsPerTurn))),
            costRatio,
            p99Ratio,
            cpuRatio,
            ...perTurn[kind.name],
            ...(kind.target === 'echo'
              ? {}
              : {
                  targetMet: costRatio <= TARGET_MAX_COST_RATIO && p99Ratio < TARGET_MAX_P99_RATIO,
                }),
          },
        ];
      }),
    );
    const result = {
      date: new Date().toISOString(),
      machine: { node: process.version, cpus: cpus().length },
      options,
      database: 'sqlite',
      target: {
        maxCostRatio: TARGET_MAX_COST_RATIO,
        maxP99Ratio: TARGET_MAX_P99_RATIO,
        kinds: TARGET_KINDS,
        meaning:
          'card turn / echo turn, each card run beside an echo run (median over rounds): costRatio = echo turns/s ÷ card turns/s, p99Ratio = p99 ÷ echo p99; cpuRatio (CPU ms per turn ÷ echo) is shown beside them, steadier on a loaded machine',
      },
      turns,
      // Over the target turns of this run (all of them unless --only left some out).
      targetMet: kinds
        .filter((kind) => TARGET_KINDS.includes(kind.name))
        .every((kind) => turns[kind.name]!.targetMet),
    };
    const isDefault =
      options.only === undefined &&
      (Object.keys(DEFAULTS) as (keyof Options)[]).every((key) => options[key] === DEFAULTS[key]);
    if (isDefault)
      writeFileSync(RESULTS_FILE, `${JSON.stringify({ bench: 'turns', ...result }, null, 2)}\n`);
    return result;
  } finally {
    await echo.stop();
    await loopback.stop();
    await harness.stop();
  }
}
