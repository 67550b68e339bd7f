import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { testDatabases } from '../contract/test-databases';
import type { ProcessGroup } from '../e2e/support/process-group';
import { openSharedDatabase, type SharedDatabase } from './support/open-shared-database';
import { startScriptProcess } from './support/start-script-process';

/** Occurrences due every second: enough for the two processes to race for each second's batch. */
const PER_SECOND = 20;
/** Seconds already missed when the schedule appears, as after downtime: both catch up at once. */
const MISSED_SECONDS = 5;
/** How long both processes tick together after the schedule appears. */
const RUN_MS = 5_000;

const SCRIPT = join(__dirname, 'support', 'scheduler-process.ts');

const postgres = testDatabases().find((target) => target.name === 'postgres');

describe('two bot processes with the same schedule on one PostgreSQL database', function () {
  this.timeout(90_000);
  let database: SharedDatabase;
  let logDirectory: string;
  const processes: ProcessGroup[] = [];

  beforeEach(async () => {
    logDirectory = mkdtempSync(join(tmpdir(), 'labbot-fault-'));
    database = await openSharedDatabase(postgres!);
    await sql`
      create table fault_executions (occurrence_key text not null, owner text not null, executed_at text not null)
    `.execute(database.handle.db);
    await sql`create table fault_schedule (origin bigint not null)`.execute(database.handle.db);
  });

  afterEach(async () => {
    await Promise.all(processes.splice(0).map((group) => group.stop()));
    await database.handle.close();
    rmSync(logDirectory, { recursive: true, force: true });
  });

  it('runs each occurrence once, on real cron ticks, shared between them', async () => {
    const started = await Promise.all(
      ['scheduler-a', 'scheduler-b'].map((owner) =>
        startScriptProcess({
          name: owner,
          script: SCRIPT,
          env: {
            ...database.env,
            SCHEDULER_OWNER: owner,
            SCHEDULE_PER_SECOND: String(PER_SECOND),
          },
          logDirectory,
        }),
      ),
    );
    processes.push(...started);

    const origin = Math.floor(Date.now() / 1_000) * 1_000 - MISSED_SECONDS * 1_000;
    await sql`insert into fault_schedule (origin) values (${origin})`.execute(database.handle.db);
    await new Promise((resolve) => setTimeout(resolve, RUN_MS));
    // SIGTERM: each process stops its cron tasks and finishes the tick in progress.
    await Promise.all(started.map((group) => group.stop()));
    for (const group of started) assert.equal(await group.exited, 0, group.outputTail());

    const rows = await sql<{ occurrence_key: string; owner: string }>`
      select occurrence_key, owner from fault_executions
    `.execute(database.handle.db);
    const runs = new Map<string, string[]>();
    for (const { occurrence_key: key, owner } of rows.rows) {
      runs.set(key, [...(runs.get(key) ?? []), owner]);
    }
    const twice = [...runs].filter(([, owners]) => owners.length > 1);
    assert.deepEqual(twice, [], 'occurrences run more than once');

    // A tick runs everything due up to its time, so what ran is every occurrence up to the last second.
    const seconds = [...runs.keys()].map((key) => Number(key.split(':')[1]));
    const last = Math.max(...seconds);
    assert.ok(last >= origin + MISSED_SECONDS * 1_000, 'the live seconds ran too');
    for (let second = origin; second <= last; second += 1_000) {
      for (let index = 0; index < PER_SECOND; index += 1) {
        assert.ok(runs.has(`pulse:${second}:${index}`), `pulse:${second}:${index} never ran`);
      }
    }
    const owners = new Set(rows.rows.map((row) => row.owner));
    assert.deepEqual(
      [...owners].sort(),
      ['scheduler-a', 'scheduler-b'],
      'both processes took part',
    );

    const queued = await sql<{ count: string | number }>`
      select count(*) as count from outbox where key like 'pulse:%'
    `.execute(database.handle.db);
    assert.equal(Number(queued.rows[0]?.count), runs.size);
  });
});
