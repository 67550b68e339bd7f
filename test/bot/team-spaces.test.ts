import assert from 'node:assert/strict';
import { SqlPendingMembershipStore } from '../../src/adapters/sql/sql-pending-membership-store';
import { MembershipCatchUp } from '../../src/core/team-spaces/membership-catch-up';
import { GRAPH_MEMBERSHIP_PERMISSIONS } from '../../src/adapters/graph/graph-team-membership';
import { addTeamMembers } from '../../src/core/team-spaces/add-team-members';
import { DEMO_PROGRAMME } from '../../src/demo/seed-demo-programme';
import {
  INVOKE_BUDGET_MS,
  createMembershipCatchUpTask,
} from '../../src/features/formation/formation-module';
import { FakeGraphServer, manifestRscPermissions } from '../fakes/fake-graph-server';
import { BotHarness, adminClicks, loadActivity } from './support/bot-harness';
import { graphCredential, GRAPH_TOKEN, fakeGraphSettings } from '../support/fake-graph-identity';

/** The programme's Teams team: its thread id (General) and its group id (Graph's name for it). */
const TEAM_THREAD_ID = '19:R7xW3kq8HnJd2VbYt5Lp@thread.tacv2';
const TEAM_GROUP_ID = 'd4c2b1a0-9e8f-4d7c-6b5a-493827161504';

function cardText(body: unknown): string {
  return JSON.stringify((body as { value: unknown }).value);
}

describe('team spaces: confirming teams adds everyone to the programme’s Teams team (fake Graph)', () => {
  let harness: BotHarness;
  let graph: FakeGraphServer;
  let waits: number[];

  beforeEach(async () => {
    // What installing the app grants, and the application permission an administrator grants.
    graph = new FakeGraphServer(GRAPH_TOKEN, [
      ...manifestRscPermissions(),
      GRAPH_MEMBERSHIP_PERMISSIONS.addMember,
    ]);
    await graph.start();
    graph.addTeam(TEAM_GROUP_ID);
    waits = [];
    harness = new BotHarness();
    harness.options = {
      graphCredential,
      graphSleep: () => Promise.resolve(),
      formationModule: {
        // Graph's pacing is recorded, not waited for; the invoke budget runs as in production.
        wait: (ms) => {
          if (ms === INVOKE_BUDGET_MS) return new Promise((resolve) => setTimeout(resolve, ms));
          waits.push(ms);
          return Promise.resolve();
        },
      },
    };
    await harness.start({
      ...fakeGraphSettings(graph.baseUrl),
    });
    await harness.send(loadActivity('team-install'));
    const programme = await harness.bot.programmes.get(DEMO_PROGRAMME.id);
    assert.ok(programme);
    await harness.bot.programmes.save({
      ...programme,
      teamsTeamId: TEAM_THREAD_ID,
      teamsGroupId: TEAM_GROUP_ID,
    });
    await harness.send({
      ...loadActivity('personal-message-status-admin'),
      text: 'former les équipes',
    });
  });

  afterEach(async () => {
    await harness.stop();
    await graph.stop();
  });

  /** Everyone of the confirmed teams, participants and facilitators, once each. */
  async function everyone(): Promise<{ aadId: string; name: string; organisationId: string }[]> {
    const teams = await harness.bot.teams.listByProgramme(DEMO_PROGRAMME.id);
    const people = teams.flatMap((team) => [...team.members, ...team.facilitators]);
    return [...new Map(people.map((p) => [p.aadId, p])).values()];
  }

  it('adds each participant and facilitator once, and nobody twice when run again', async () => {
    // A facilitator of the seed is already in the programme's team.
    const facilitator = DEMO_PROGRAMME.facilitators?.[0]?.aadId;
    assert.ok(facilitator);
    graph.teamMembers.set(TEAM_GROUP_ID, [facilitator]);

    const { body } = await harness.sendConfirmed(
      adminClicks('formation.confirm', { programmeId: DEMO_PROGRAMME.id }),
    );

    const people = await everyone();
    assert.ok(people.length > 10, `a real formation (${people.length} people)`);
    const added = graph.memberAdditions(TEAM_GROUP_ID);
    assert.deepEqual(
      [...added].sort(),
      people
        .map((p) => p.aadId)
        .filter((id) => id !== facilitator)
        .sort(),
    );
    assert.equal(new Set(added).size, added.length, 'nobody added twice');
    assert.match(
      cardText(body),
      new RegExp(
        `Équipe Teams du programme\u00a0: ${people.length - 1} personnes ajoutées, 1 déjà membres`,
      ),
    );
    // Paced as Graph asks: a wait between two additions.
    assert.equal(waits.filter((ms) => ms === 2_000).length, people.length - 2);

    // Running it again finds everyone in the team and adds nobody.
    const again = await addTeamMembers(harness.bot.platform.membership!, TEAM_GROUP_ID, people, {
      wait: () => Promise.resolve(),
    });
    assert.deepEqual(again, { added: 0, already: people.length, failed: [] });
    assert.equal(graph.memberAdditions(TEAM_GROUP_ID).length, added.length);
  });

  it('names who could not be added and why, and goes on with the others', async () => {
    const programme = await harness.bot.programmes.get(DEMO_PROGRAMME.id);
    const blocked = programme?.facilitators?.[1];
    assert.ok(blocked);
    graph.blockedUsers.add(blocked.aadId);

    const { body } = await harness.sendConfirmed(
      adminClicks('formation.confirm', { programmeId: DEMO_PROGRAMME.id }),
    );

    const text = cardText(body);
    assert.match(
      text,
      new RegExp(`Ajout à l’équipe Teams impossible pour ${blocked.name} \\(compte inconnu`),
    );
    const people = await everyone();
    assert.equal(graph.memberAdditions(TEAM_GROUP_ID).length, people.length - 1);
  });

  it('says which permission is missing, adds nobody, and still confirms the teams', async () => {
    graph.permissions.delete(GRAPH_MEMBERSHIP_PERMISSIONS.addMember);

    const { body } = await harness.sendConfirmed(
      adminClicks('formation.confirm', { programmeId: DEMO_PROGRAMME.id }),
    );

    const text = cardText(body);
    assert.match(text, /Équipes confirmées — Défi du Lab 2026/);
    assert.match(
      text,
      /l’autorisation TeamMember\.ReadWriteNonOwnerRole\.All n’a pas été accordée/,
    );
    assert.equal(graph.memberAdditions(TEAM_GROUP_ID).length, 0);
    assert.equal((await harness.bot.teams.listByProgramme(DEMO_PROGRAMME.id)).length, 7);
  });

  it('adds who is missing when confirming again once the permission is granted, and nobody twice', async () => {
    graph.permissions.delete(GRAPH_MEMBERSHIP_PERMISSIONS.addMember);
    const click = adminClicks('formation.confirm', { programmeId: DEMO_PROGRAMME.id });
    // The first click asks first; once the teams are confirmed, a click acts at once.
    const confirm = () => harness.send(click);
    await harness.sendConfirmed(click);
    assert.equal(graph.memberAdditions(TEAM_GROUP_ID).length, 0);

    graph.permissions.add(GRAPH_MEMBERSHIP_PERMISSIONS.addMember);
    const second = await confirm();
    const people = await everyone();
    assert.match(cardText(second.body), /Équipes déjà confirmées/);
    assert.match(
      cardText(second.body),
      new RegExp(`${people.length} personnes ajoutées, 0 déjà membres`),
    );
    assert.equal(graph.memberAdditions(TEAM_GROUP_ID).length, people.length);

    const third = await confirm();
    assert.match(cardText(third.body), new RegExp(`0 personnes ajoutées, ${people.length} déjà`));
    assert.equal(graph.memberAdditions(TEAM_GROUP_ID).length, people.length);
    assert.equal(new Set(graph.memberAdditions(TEAM_GROUP_ID)).size, people.length);
  });

  it('gets through Graph answering 429 then 503 and adds each person once', async () => {
    graph.failNextMemberPosts.push(
      { status: 429, retryAfter: 1 },
      { status: 503, retryAfter: 2 },
      { status: 429, retryAfter: 1 },
    );
    const { body } = await harness.sendConfirmed(
      adminClicks('formation.confirm', { programmeId: DEMO_PROGRAMME.id }),
    );
    const people = await everyone();
    assert.match(cardText(body), new RegExp(`${people.length} personnes ajoutées`));
    assert.equal(graph.failNextMemberPosts.length, 0, 'Graph did answer 429 and 503');
    const answered = graph.calls.filter((c) => c.path.endsWith('/members') && c.method === 'POST');
    assert.deepEqual(
      answered.slice(0, 4).map((c) => c.status),
      [429, 503, 429, 201],
    );
    const added = graph.memberAdditions(TEAM_GROUP_ID);
    assert.equal(added.length, people.length);
    assert.equal(new Set(added).size, people.length);
  });

  it('adds on the hourly catch-up those Graph kept throttling, each once; a blocked account is not tried again', async () => {
    const programme = await harness.bot.programmes.get(DEMO_PROGRAMME.id);
    const blocked = programme?.facilitators?.[1];
    assert.ok(blocked);
    graph.blockedUsers.add(blocked.aadId);
    // The first two additions are throttled past their four tries each.
    for (let i = 0; i < 8; i += 1) graph.failNextMemberPosts.push({ status: 429, retryAfter: 1 });

    const { body } = await harness.sendConfirmed(
      adminClicks('formation.confirm', { programmeId: DEMO_PROGRAMME.id }),
    );
    const people = await everyone();
    assert.equal(graph.memberAdditions(TEAM_GROUP_ID).length, people.length - 3);
    // The organiser reads who will be tried again, and who will not (named, with the reason).
    const text = cardText(body);
    assert.match(
      text,
      /2 personnes pas encore ajoutées\u00a0: Microsoft Graph est surchargé ou indisponible pour l’instant\. Le bot réessaie toutes les heures/,
    );
    assert.match(
      text,
      new RegExp(`Ajout à l’équipe Teams impossible pour ${blocked.name} \\(compte inconnu`),
    );
    assert.doesNotMatch(text, /TooManyRequests|429/);
    const catchUp = harness.bot.platform.membershipCatchUp;
    assert.equal(await catchUp.pendingCount(), 2);
    // Stored: another instance, or this one after a restart, goes on with the list.
    const restarted = new MembershipCatchUp(
      new SqlPendingMembershipStore(harness.bot.database.db),
      harness.clock,
    );
    assert.equal(await restarted.pendingCount(), 2);

    const task = createMembershipCatchUpTask(harness.bot.platform, () => Promise.resolve());
    await task.run();
    const added = graph.memberAdditions(TEAM_GROUP_ID);
    assert.equal(added.length, people.length - 1);
    assert.equal(new Set(added).size, added.length, 'nobody added twice');
    assert.ok(!added.includes(blocked.aadId));
    assert.equal(await catchUp.pendingCount(), 0);

    // Nothing waiting: the next hour costs no Graph call.
    const calls = graph.calls.length;
    await task.run();
    assert.equal(graph.calls.length, calls);
  });
});
