import assert from 'node:assert/strict';
import { GRAPH_CALENDAR_PERMISSIONS } from '../../src/adapters/graph/graph-meeting-calendar';
import { GRAPH_MEMBERSHIP_PERMISSIONS } from '../../src/adapters/graph/graph-team-membership';
import { GRAPH_APP_PERMISSIONS } from '../../src/adapters/graph/graph-user-reach';
import { planMeetings } from '../../src/core/meetings/plan-meetings';
import { DEMO_PROGRAMME } from '../../src/demo/seed-demo-programme';
import { IDEMPOTENCY_KEY_FIELD } from '../../src/delivery/build-activity';
import { INVOKE_BUDGET_MS } from '../../src/features/formation/formation-module';
import { FakeGraphServer, manifestRscPermissions } from '../fakes/fake-graph-server';
import { allMeetings } from '../support/meeting-fakes';
import { BotHarness, adminClicks, loadActivity } from '../bot/support/bot-harness';
import { graphCredential, GRAPH_TOKEN, fakeGraphSettings } from '../support/fake-graph-identity';
import { waitFor } from '../support/wait-for';

const TEAM_THREAD_ID = '19:R7xW3kq8HnJd2VbYt5Lp@thread.tacv2';
const TEAM_GROUP_ID = 'd4c2b1a0-9e8f-4d7c-6b5a-493827161504';
const CATALOGUE_ID = '5b3c8f2e-7d41-4a9b-9c0e-2f6a1d8e4b73';
const ORGANISER = {
  id: '6a1f0c3e-2b4d-4e5f-8a9b-0c1d2e3f4a5b',
  displayName: 'Lab Innovation',
  mail: 'lab.innovation@securite-sociale.fr',
  userPrincipalName: 'lab.innovation@securite-sociale.fr',
};
const MINUTE = 60_000;

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The acceptance line of issue 15: Graph answers 429 (Retry-After), then 503, on every endpoint
 * the bot reaches people through, for a minute of the test's clock, while the Lab confirms the
 * demo programme's teams. The bot must install itself for everyone (nobody has a chat with it),
 * add them all to the programme's Teams team and put the meetings on the calendar: eventually,
 * each once. The clock moves only when the test says so: Graph's Retry-After is honoured by
 * waits that return at once (counted), the outbox's backoff and the hourly catch-ups by moving
 * the clock.
 */
describe('fault: Graph answers 429 then 503 for a minute while the bot reaches a whole programme', () => {
  let harness: BotHarness;
  let graph: FakeGraphServer;
  let graphWaits: number[];

  const advance = (ms: number): void =>
    harness.clock.set(new Date(harness.clock.now().getTime() + ms));

  before(async () => {
    graph = new FakeGraphServer(GRAPH_TOKEN, [
      ...manifestRscPermissions(),
      ...Object.values(GRAPH_MEMBERSHIP_PERMISSIONS),
      ...Object.values(GRAPH_APP_PERMISSIONS),
      ...Object.values(GRAPH_CALENDAR_PERMISSIONS),
    ]);
    await graph.start();
    graph.addTeam(TEAM_GROUP_ID);
    graph.addUser(ORGANISER);
    graph.catalogue.add(CATALOGUE_ID);
    graph.installVisibleAfterReads = 1;
    graphWaits = [];
    harness = new BotHarness();
    harness.options = {
      graphCredential,
      graphSleep: (ms) => {
        graphWaits.push(ms);
        return Promise.resolve();
      },
      formationModule: {
        // Graph's pacing between member additions is not waited for; the invoke budget is.
        wait: (ms) => (ms === INVOKE_BUDGET_MS ? pause(ms) : Promise.resolve()),
      },
    };
    await harness.start({
      ...fakeGraphSettings(graph.baseUrl),
      GRAPH_TEAMS_APP_ID: CATALOGUE_ID,
      GRAPH_MEETING_ORGANISER: ORGANISER.userPrincipalName,
    });
    await harness.send(loadActivity('team-install'));
    const programme = await harness.bot.programmes.get(DEMO_PROGRAMME.id);
    assert.ok(programme);
    await harness.bot.programmes.save({
      ...programme,
      teamsTeamId: TEAM_THREAD_ID,
      teamsGroupId: TEAM_GROUP_ID,
      meetings: allMeetings(),
    });
    // Everyone who may end up in a team is in the tenant's directory, and has never chatted.
    for (const candidacy of await harness.bot.platform.candidacies.list(DEMO_PROGRAMME.id)) {
      graph.addUser(fakeUser(candidacy.applicant.aadId, candidacy.applicant.name));
    }
    for (const facilitator of programme.facilitators ?? []) {
      graph.addUser(fakeUser(facilitator.aadId, facilitator.name));
    }
    await harness.send({
      ...loadActivity('personal-message-status-admin'),
      text: 'former les équipes',
    });
  });

  after(async () => {
    await harness.stop();
    await graph.stop();
  });

  it('installs, adds and schedules everything once the minute is over, nothing twice', async () => {
    const start = harness.clock.now().getTime();
    graph.outage = {
      now: () => harness.clock.now().getTime(),
      throttledUntil: start + MINUTE / 2,
      unavailableUntil: start + MINUTE,
      retryAfter: 2,
      // Channels are another story (provisionTeamChannels): this test is about reaching people.
      spare: /\/channels$/,
    };

    // The Lab confirms the teams while Graph throttles everything.
    const { body } = await harness.sendConfirmed(
      adminClicks('formation.confirm', { programmeId: DEMO_PROGRAMME.id }),
    );
    await waitFor(
      () =>
        JSON.stringify(body).includes('Équipes confirmées') ||
        JSON.stringify(harness.connector.sentActivities()).includes('Équipes confirmées')
          ? true
          : undefined,
      'the confirmation summary',
      30_000,
    );
    const teams = await harness.bot.teams.listByProgramme(DEMO_PROGRAMME.id);
    const people = [
      ...new Map(
        teams.flatMap((team) => [...team.members, ...team.facilitators]).map((p) => [p.aadId, p]),
      ).values(),
    ];
    assert.ok(people.length > 20, `a real programme (${people.length} people)`);
    // Nothing got through yet, and the bot waited as Graph asked (Retry-After 2 s).
    assert.equal(graph.installations.size, 0);
    assert.equal(graph.memberAdditions(TEAM_GROUP_ID).length, 0);
    assert.equal(graph.events.size, 0);
    assert.ok(graphWaits.length > 0 && graphWaits.every((ms) => ms === 2_000));
    const platform = harness.bot.platform;
    assert.equal(await platform.membershipCatchUp.pendingCount(), people.length);
    const memberKey = (aadId: string) => {
      const team = teams.find((t) =>
        [...t.members, ...t.facilitators].some((p) => p.aadId === aadId),
      );
      return `formation:${DEMO_PROGRAMME.id}:${team!.id}:member:${aadId}`;
    };
    for (const person of people) {
      const row = await platform.outbox.get(memberKey(person.aadId));
      assert.deepEqual(row?.target, { kind: 'install', userAadId: person.aadId }, person.name);
      assert.equal(row?.state, 'pending');
    }

    // Half a minute on: Graph says 503 now. The outbox and the hourly runs try again and wait.
    advance(MINUTE / 2 + 1_000);
    await runCatchUps();
    await pause(1_500);
    assert.equal(graph.installations.size, 0);
    assert.equal(graph.memberAdditions(TEAM_GROUP_ID).length, 0);
    assert.equal(graph.events.size, 0);
    assert.equal(await platform.membershipCatchUp.pendingCount(), people.length);

    // The minute is over: the next runs finish the work.
    advance(MINUTE / 2);
    for (
      let round = 0;
      round < 20 && !(await allSent(people.map((p) => memberKey(p.aadId))));
      round += 1
    ) {
      await runCatchUps();
      // The outbox's backoff is at most 5 minutes.
      advance(5 * MINUTE + 1_000);
      await pause(500);
    }
    await runCatchUps();

    // Graph did answer 429 and then 503 to each kind of call.
    // (A meeting's attendees are looked up before its event is written: GET /users/{id}.)
    for (const path of [/\/teamwork\/installedApps$/, /\/members$/, /^\/v1\.0\/users\/[^/]+$/]) {
      const statuses = new Set(graph.calls.filter((c) => path.test(c.path)).map((c) => c.status));
      assert.ok(statuses.has(429) && statuses.has(503), `429 and 503 on ${String(path)}`);
    }

    // Each person: installed once, added once, their notice delivered once in the new chat.
    const installed = graph.calls
      .filter(
        (c) => c.method === 'POST' && /\/teamwork\/installedApps$/.test(c.path) && c.status === 201,
      )
      .map((c) => decodeURIComponent(c.path.split('/')[3] ?? ''));
    assert.deepEqual([...installed].sort(), people.map((p) => p.aadId).sort());
    const added = graph.memberAdditions(TEAM_GROUP_ID);
    assert.deepEqual([...added].sort(), people.map((p) => p.aadId).sort());
    assert.equal(await platform.membershipCatchUp.pendingCount(), 0);
    for (const person of people) {
      const chatId = graph.installations.get(person.aadId)?.chatId;
      assert.ok(chatId, `installed for ${person.name}`);
      const row = await platform.outbox.get(memberKey(person.aadId));
      assert.equal(row?.state, 'sent', person.name);
      assert.equal(row?.conversationId, chatId);
      const delivered = harness.connector.calls.filter(
        (call) =>
          call.method === 'POST' &&
          call.conversationId === chatId &&
          (call.body.channelData as Record<string, unknown> | undefined)?.[
            IDEMPOTENCY_KEY_FIELD
          ] === memberKey(person.aadId),
      );
      assert.equal(delivered.length, 1, `${person.name}'s welcome delivered once`);
    }

    // Each meeting on the calendar once.
    const programme = (await harness.bot.programmes.get(DEMO_PROGRAMME.id))!;
    const now = harness.clock.now().getTime();
    const wanted = planMeetings(programme, teams).filter((m) => m.startsAt.getTime() > now);
    assert.ok(wanted.length > teams.length);
    assert.equal(graph.events.size, wanted.length);
    assert.equal(
      graph.calls.filter((c) => c.method === 'POST' && /\/events$/.test(c.path) && c.status === 201)
        .length,
      wanted.length,
      'one accepted creation per meeting',
    );
  });

  async function runCatchUps(): Promise<void> {
    const platform = harness.bot.platform;
    await platform.membershipCatchUp.run(platform.membership!, { wait: () => Promise.resolve() });
    const programme = await harness.bot.programmes.get(DEMO_PROGRAMME.id);
    await platform.meetings.sync(programme!);
  }

  async function allSent(keys: string[]): Promise<boolean> {
    for (const key of keys) {
      if ((await harness.bot.platform.outbox.get(key))?.state !== 'sent') return false;
    }
    return true;
  }
});

function fakeUser(id: string, displayName: string) {
  const address = `${id}@example.test`;
  return { id, displayName, mail: address, userPrincipalName: address };
}
