import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { createFollowUpDeps } from '../../src/adapters/sql/create-follow-up-deps';
import { SqlOutboxStore } from '../../src/adapters/sql/sql-outbox-store';
import type { ProgrammeTeam } from '../../src/core/programmes/programme-team';
import { testDatabases } from '../contract/test-databases';
import type { ProcessGroup } from '../e2e/support/process-group';
import { FakeBotConnector } from '../fakes/fake-bot-connector';
import { loadExample2026 } from '../support/follow-up-fakes';
import { openSharedDatabase, type SharedDatabase } from './support/open-shared-database';
import { killProcess, startScriptProcess } from './support/start-script-process';
import { waitUntil } from './support/wait-until';

const TEAMS = 200;
/** The occurrence the first process is in the middle of when it is killed. */
const KILLED_DURING = 80;
/** The job's time: October's check-ins are due (09:30 in Paris), nothing else is. */
const JOB_NOW = '2026-10-01T07:31:00.000Z';
const MONTH_PREFIX = 'checkin:2026-10:defi-du-lab-2026/';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const PROGRAMME_TEAM = '19:programme-team@thread.tacv2';
const HEARTBEAT_MS = 500;

const SCRIPT = join(__dirname, 'support', 'checkin-process.ts');

/** 200 teams like the example's second one, each with a lead of its own and no channel. */
function twoHundredTeams(): ProgrammeTeam[] {
  const { teams } = loadExample2026();
  const { workspace: _workspace, ...template } = teams[1]!;
  return Array.from({ length: TEAMS }, (_, i) => {
    const leadAadId = `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`;
    return {
      ...template,
      id: `team-${i + 1}`,
      number: i + 1,
      name: `Équipe ${i + 1}`,
      leadAadId,
      members: [{ aadId: leadAadId, name: `Référent ${i + 1}`, organisationId: 'onem' }],
    };
  });
}

for (const target of testDatabases()) {
  describe(`a scheduler killed in the middle of the monthly check-in occurrence (${target.name})`, function () {
    this.timeout(120_000);
    let database: SharedDatabase;
    let connector: FakeBotConnector;
    let logDirectory: string;
    const processes: ProcessGroup[] = [];

    beforeEach(async () => {
      logDirectory = mkdtempSync(join(tmpdir(), 'labbot-fault-'));
      database = await openSharedDatabase(target);
      connector = new FakeBotConnector({ seed: 7 });
      await connector.start();
      const now = new Date(JOB_NOW);
      const followUp = createFollowUpDeps(database.handle.db, {
        clock: { now: () => now },
        labAdminIds: [],
      });
      const { programme } = loadExample2026();
      await followUp.programmes.save(programme);
      await followUp.teams.replaceAll(programme.id, twoHundredTeams());
      // The bot is installed in the programme's team, so it can open a chat with every lead.
      await followUp.conversations.upsert({
        conversationId: PROGRAMME_TEAM,
        scope: 'channel',
        serviceUrl: connector.serviceUrl,
        tenantId: TENANT,
        teamId: PROGRAMME_TEAM,
        channelId: PROGRAMME_TEAM,
        userAadId: null,
        botId: '28:fault-bot',
        locale: 'fr-FR',
        timezone: null,
        installedAt: now,
        updatedAt: now,
        uninstalledAt: null,
      });
    });

    afterEach(async () => {
      await Promise.all(processes.splice(0).map((group) => group.stop()));
      await connector.stop();
      await database.handle.close();
      rmSync(logDirectory, { recursive: true, force: true });
    });

    async function start(owner: string, env: Record<string, string>): Promise<ProcessGroup> {
      const group = await startScriptProcess({
        name: owner,
        script: SCRIPT,
        env: {
          ...database.env,
          SCHEDULER_OWNER: owner,
          FAULT_NOW: JOB_NOW,
          DELIVERY_HEARTBEAT_MS: String(HEARTBEAT_MS),
          ...env,
        },
        logDirectory,
      });
      processes.push(group);
      return group;
    }

    async function occurrences(): Promise<
      Array<{ key: string; state: string; owner: string; attempts: number }>
    > {
      const result = await sql<{ key: string; state: string; owner: string; attempts: number }>`
        select key, state, owner, attempts from job_occurrences order by key
      `.execute(database.handle.db);
      return result.rows.map((row) => ({ ...row, attempts: Number(row.attempts) }));
    }

    async function queuedKeys(): Promise<string[]> {
      const result = await sql<{ key: string }>`
        select key from outbox where key like ${`${MONTH_PREFIX}%`} order by key
      `.execute(database.handle.db);
      return result.rows.map((row) => row.key);
    }

    it('runs it once to completion after a restart: every team gets its card once', async () => {
      const victim = await start('victim', { FAULT_HANG_AFTER: String(KILLED_DURING) });
      const hung = await victim.waitForOutput(/"event":"hung","key":"([^"]+)"/, 60_000);
      const interrupted = hung[1]!;
      await killProcess(victim);

      // Killed with part of the month queued and one occurrence under way, its card queued.
      const before = await occurrences();
      assert.equal(before.filter((o) => o.state === 'done').length, KILLED_DURING - 1);
      assert.deepEqual(
        before.filter((o) => o.state === 'running').map((o) => o.key),
        [interrupted],
      );
      assert.equal((await queuedKeys()).length, KILLED_DURING);
      assert.ok((await queuedKeys()).includes(interrupted));

      // The job's clock stands still, so the dead process's 10-minute lease never runs out: only
      // the instance registry (every lease at start on SQLite, a silent instance's on
      // PostgreSQL) can hand the occurrence over.
      const restarted = await start('restarted', { FAULT_DELIVERY: '1' });
      const outbox = new SqlOutboxStore(database.handle.db);
      await waitUntil(
        async () => {
          const all = await occurrences();
          return (
            all.length === TEAMS &&
            all.every((o) => o.state === 'done') &&
            (await outbox.countByState()).pending === 0
          );
        },
        60_000,
        'every occurrence to be done and every card sent',
      );
      await restarted.stop();

      const after = await occurrences();
      assert.equal(after.length, TEAMS);
      // The interrupted occurrence was run again once, by the new process, and recorded done once.
      const rerun = after.filter((o) => o.attempts > 1);
      assert.deepEqual(rerun, [
        { key: interrupted, state: 'done', owner: 'restarted', attempts: 2 },
      ]);
      const keys = await queuedKeys();
      assert.deepEqual(
        keys,
        Array.from({ length: TEAMS }, (_, i) => `${MONTH_PREFIX}team-${i + 1}/lead`).sort(),
      );
      assert.deepEqual(await outbox.countByState(), {
        pending: 0,
        sent: TEAMS,
        failed: 0,
        unreachable: 0,
      });
      for (const key of keys) assert.equal(connector.deliveriesByKey.get(key), 1, key);
      assert.deepEqual([...connector.duplicates()], []);
    });
  });
}
