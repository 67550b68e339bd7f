import assert from 'node:assert/strict';
import { createFollowUpDeps } from '../../src/adapters/sql/create-follow-up-deps';
import type { DatabaseHandle } from '../../src/adapters/sql/open-database';
import { SqlOccurrenceStore } from '../../src/adapters/sql/sql-occurrence-store';
import { SqlOutboxStore } from '../../src/adapters/sql/sql-outbox-store';
import { createFollowUpRenderers } from '../../src/features/follow-up/follow-up-notices';
import { OutboxNotifier } from '../../src/adapters/teams/notices/outbox-notifier';
import type { FollowUpDeps } from '../../src/core/follow-up/follow-up-deps';
import { createFollowUpJob } from '../../src/jobs/create-follow-up-job';
import { createScheduledJob, type ScheduledJob } from '../../src/jobs/create-scheduled-job';
import { createLogger } from '../../src/logger';
import { loadExample2026, ManualClock, PEOPLE } from '../support/follow-up-fakes';
import { testDatabases } from './test-databases';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const PROGRAMME_TEAM = '19:programme-team@thread.tacv2';

for (const target of testDatabases()) {
  describe(`follow-up job through the outbox (${target.name})`, () => {
    let database: DatabaseHandle | undefined;
    let clock: ManualClock;
    let outbox: SqlOutboxStore;
    let followUp: FollowUpDeps;
    let jobs: ScheduledJob[];

    beforeEach(async () => {
      database = await target.open();
      clock = new ManualClock(new Date('2026-10-01T07:00:00Z'));
      followUp = createFollowUpDeps(database.db, { clock, labAdminIds: [] });
      const { programme, teams } = loadExample2026();
      await followUp.programmes.save(programme);
      await followUp.teams.replaceAll(programme.id, teams);
      // The bot is installed in the programme's team, so it can open a chat with any member.
      await followUp.conversations.upsert({
        conversationId: PROGRAMME_TEAM,
        scope: 'channel',
        serviceUrl: 'https://smba.trafficmanager.net/emea/',
        tenantId: TENANT,
        teamId: PROGRAMME_TEAM,
        channelId: PROGRAMME_TEAM,
        userAadId: null,
        botId: '28:bot',
        locale: 'fr-FR',
        timezone: null,
        installedAt: clock.now(),
        updatedAt: clock.now(),
        uninstalledAt: null,
      });
      outbox = new SqlOutboxStore(database.db);
      const notifier = new OutboxNotifier(
        outbox,
        followUp.conversations,
        createFollowUpRenderers(),
        clock,
      );
      const logger = createLogger('silent');
      const occurrences = new SqlOccurrenceStore(database.db);
      // Two instances on one database, as on PostgreSQL in production.
      jobs = ['a', 'b'].map((owner) =>
        createScheduledJob(createFollowUpJob({ ...followUp, notifier, logger }), {
          occurrences,
          clock,
          owner,
          logger,
        }),
      );
    });

    afterEach(async () => {
      await database?.close();
      database = undefined;
    });

    it('queues each due check-in card once, rendered, not before 09:30 local, across two instances', async () => {
      // The bot ran through September (nobody answered): its cards and alerts are queued.
      clock.set('2026-09-30T12:00:00Z');
      await jobs[0]!.tick();
      const september = (await outbox.countByState()).pending;
      clock.set('2026-10-01T07:30:00Z');
      const [first, second] = await Promise.all(jobs.map((job) => job.tick()));
      assert.deepEqual(
        [...first!.ran, ...second!.ran].sort(),
        [
          'team-2/channel',
          'team-2/lead',
          'team-3/channel',
          'team-3/lead',
          'team-4/channel',
          'team-4/lead',
        ].map((target) => `checkin:2026-10:defi-du-lab-2026/${target}`),
      );
      await jobs[0]!.tick();
      assert.equal((await outbox.countByState()).pending, september + 6);
      const lead = await outbox.get('checkin:2026-10:defi-du-lab-2026/team-2/lead');
      assert.deepEqual(lead?.target, {
        kind: 'user',
        userAadId: PEOPLE.camille,
        tenantId: TENANT,
        teamId: PROGRAMME_TEAM,
      });
      assert.equal(lead?.notBefore.toISOString(), '2026-10-01T07:30:00.000Z');
      assert.equal(lead?.payload.kind, 'card');
      assert.match(JSON.stringify(lead?.payload), /Point mensuel · octobre 2026 — Équipe 2/);
      const channel = await outbox.get('checkin:2026-10:defi-du-lab-2026/team-2/channel');
      assert.deepEqual(channel?.target, {
        kind: 'conversation',
        conversationId: '19:team-2-kit-a-recruter@thread.tacv2',
      });
      assert.equal(await outbox.get('checkin:2026-10:defi-du-lab-2026/team-1/lead'), undefined);
    });

    it('reminds only the teams that have not answered', async () => {
      clock.set('2026-10-01T13:00:00Z');
      await jobs[0]!.tick();
      for (const team of ['team-1', 'team-3', 'team-4']) {
        const lead = (await followUp.teams.get('defi-du-lab-2026', team))!.leadAadId;
        await followUp.checkins.save({
          programmeId: 'defi-du-lab-2026',
          teamId: team,
          month: '2026-10',
          status: 'on-track',
          progress: 30,
          done: 'd',
          nextSteps: 'n',
          help: { category: 'none', text: '' },
          indicators: {},
          answeredBy: { aadId: lead, name: 'Lead' },
          answeredAt: clock.now(),
          firstAnsweredAt: clock.now(),
          late: false,
          revision: 1,
        });
      }
      clock.set('2026-10-06T13:00:00Z');
      await jobs[1]!.tick();
      const reminder = await outbox.get('checkin-reminder-d3:2026-10:defi-du-lab-2026/team-2/lead');
      assert.match(
        JSON.stringify(reminder?.payload),
        /Rappel\u00a0: le point mensuel \(octobre 2026\)/,
      );
      assert.equal(
        await outbox.get('checkin-reminder-d3:2026-10:defi-du-lab-2026/team-1/lead'),
        undefined,
      );
    });
  });
}
