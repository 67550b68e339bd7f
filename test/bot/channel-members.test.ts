import assert from 'node:assert/strict';
import { GRAPH_MEMBERSHIP_PERMISSIONS } from '../../src/adapters/graph/graph-team-membership';
import { KNOWN_ORGANISATIONS } from '../../src/catalogue/known-organisations';
import type { ProgrammeTeam } from '../../src/core/programmes/programme-team';
import { createDemoParticipants } from '../../src/demo/demo-people';
import { DEMO_PROGRAMME } from '../../src/demo/seed-demo-programme';
import { FakeGraphServer, manifestRscPermissions } from '../fakes/fake-graph-server';
import { BotHarness, adminClicks, loadActivity } from './support/bot-harness';
import { fakeGraphOptions, fakeGraphSettings, GRAPH_TOKEN } from '../support/fake-graph-identity';

const TEAM_THREAD_ID = '19:R7xW3kq8HnJd2VbYt5Lp@thread.tacv2';
const TEAM_GROUP_ID = 'd4c2b1a0-9e8f-4d7c-6b5a-493827161504';

const participants = createDemoParticipants(
  DEMO_PROGRAMME.organisations,
  DEMO_PROGRAMME.themeOptions.map((t) => t.id),
);
const organisationOf = new Map(participants.map((p) => [p.aadId, p.organisationId]));

function cardText(body: unknown): string {
  return JSON.stringify((body as { value: unknown }).value);
}

function click(verb: string, data: Record<string, string> = {}): Record<string, unknown> {
  return adminClicks(verb, { programmeId: DEMO_PROGRAMME.id, ...data });
}

/** Someone who is not of the Lab team clicking the same button. */
function strangerClicks(verb: string): Record<string, unknown> {
  return {
    ...loadActivity('invoke-action-execute-profile'),
    value: {
      action: {
        type: 'Action.Execute',
        verb,
        data: { verb, programmeId: DEMO_PROGRAMME.id },
      },
      trigger: 'manual',
    },
  };
}

/** Everyone of a team, participants and facilitators, once each. */
function peopleOf(team: ProgrammeTeam): string[] {
  return [...new Set([...team.members, ...team.facilitators].map((p) => p.aadId))];
}

/** Two people of the first two teams whose swap breaks no rule. */
function swappablePair(teams: ProgrammeTeam[]): [string, string] {
  for (const a of teams[0]!.members) {
    for (const b of teams[1]!.members) {
      const clash = (person: string, team: number) =>
        teams[team]!.members.some(
          (m) =>
            m.aadId !== a.aadId &&
            m.aadId !== b.aadId &&
            organisationOf.get(m.aadId) === organisationOf.get(person),
        );
      if (!clash(a.aadId, 1) && !clash(b.aadId, 0)) return [a.aadId, b.aadId];
    }
  }
  throw new Error('no swappable pair');
}

describe('team spaces: private channels hold their team’s people, and only them (fake Graph)', function () {
  this.timeout(60_000);
  let harness: BotHarness;
  let graph: FakeGraphServer;

  async function start(channelType: 'private' | 'shared' = 'private'): Promise<void> {
    const programme = await harness.bot.programmes.get(DEMO_PROGRAMME.id);
    assert.ok(programme);
    await harness.bot.programmes.save({
      ...programme,
      teamsTeamId: TEAM_THREAD_ID,
      teamsGroupId: TEAM_GROUP_ID,
      teamsChannelType: channelType,
    });
    await harness.send({
      ...loadActivity('personal-message-status-admin'),
      text: 'former les équipes',
    });
  }

  beforeEach(async () => {
    // The consent the manifest asks for (channels and channel members) and the team permission.
    graph = new FakeGraphServer(GRAPH_TOKEN, [
      ...manifestRscPermissions(),
      GRAPH_MEMBERSHIP_PERMISSIONS.addMember,
    ]);
    await graph.start();
    graph.addTeam(TEAM_GROUP_ID);
    harness = new BotHarness();
    harness.options = fakeGraphOptions();
    await harness.start({
      ...fakeGraphSettings(graph.baseUrl),
    });
    await harness.send(loadActivity('team-install'));
  });

  afterEach(async () => {
    await harness.stop();
    await graph.stop();
  });

  const channelOf = (team: ProgrammeTeam): string => {
    assert.equal(team.workspace?.kind, 'channel');
    return team.workspace.conversationId;
  };

  it('adds each person to their own team’s private channel once, and nobody twice when run again', async () => {
    await start('private');
    const { body } = await harness.sendConfirmed(click('formation.confirm'));
    const teams = await harness.bot.teams.listByProgramme(DEMO_PROGRAMME.id);
    assert.equal(teams.length, 7);
    let owners = 0;
    for (const team of teams) {
      assert.equal(team.workspace?.membershipType, 'private');
      const channel = channelOf(team);
      const created = graph.channelNamed(TEAM_GROUP_ID, team.name);
      assert.equal(created?.membershipType, 'private');
      // Exactly the team's people, the owner named at creation included.
      assert.deepEqual(graph.channelMemberIds(channel).sort(), peopleOf(team).sort());
      const added = graph.channelMemberAdditions(channel);
      assert.equal(new Set(added).size, added.length, 'nobody added twice');
      assert.equal(added.length, peopleOf(team).length - 1, 'all but the owner');
      owners += 1;
    }
    const people = teams.reduce((sum, team) => sum + peopleOf(team).length, 0);
    assert.match(
      cardText(body),
      new RegExp(
        `Canaux privés ou partagés des équipes \\(7\\)\u00a0: ${people - owners} personnes ajoutées, ${owners} déjà membres, 0 retirées`,
      ),
    );

    // Confirming again reads every channel and adds nobody.
    const writes = () => graph.calls.filter((c) => /\/channels\/[^/]+\/members/.test(c.path));
    const before = writes().filter((c) => c.method !== 'GET').length;
    const again = await harness.send(click('formation.confirm'));
    assert.match(cardText(again.body), /Équipes déjà confirmées/);
    assert.match(
      cardText(again.body),
      new RegExp(`0 personnes ajoutées, ${people} déjà membres, 0 retirées`),
    );
    assert.equal(writes().filter((c) => c.method !== 'GET').length, before);
  });

  it('takes the person who moves out of their old team’s private channel and into the new one’s', async () => {
    await start('private');
    await harness.sendConfirmed(click('formation.confirm'));
    const teams = await harness.bot.teams.listByProgramme(DEMO_PROGRAMME.id);
    const [a, b] = swappablePair(teams);
    const [first, second] = [channelOf(teams[0]!), channelOf(teams[1]!)];
    // Someone the Lab added by hand to the first channel, not of the programme: left alone.
    const colleague = 'a0a0a0a0-1111-4222-8333-944445555666';
    graph.channelMembers.get(first)!.push({ id: 'by-hand', userId: colleague, roles: [] });

    await harness.send(click('formation.change'));
    await harness.send(click('formation.swap', { person: a, other: b }));
    const done = await harness.sendConfirmed(click('formation.confirm'));

    assert.match(cardText(done.body), /Équipes modifiées/);
    assert.match(cardText(done.body), /2 personnes ajoutées, \d+ déjà membres, 2 retirées/);
    assert.ok(graph.channelMemberIds(second).includes(a));
    assert.ok(!graph.channelMemberIds(first).includes(a));
    assert.ok(graph.channelMemberIds(first).includes(b));
    assert.ok(!graph.channelMemberIds(second).includes(b));
    assert.ok(graph.channelMemberIds(first).includes(colleague), 'nobody else is removed');
    assert.equal(graph.channelMemberRemovals(first).length, 1);
    assert.equal(graph.channelMemberRemovals(second).length, 1);
    // Still in the programme: they stay members of the programme's Teams team.
    const inTeam = graph.teamMembers.get(TEAM_GROUP_ID) ?? [];
    assert.ok(inTeam.includes(a) && inTeam.includes(b));
    assert.ok(
      !graph.calls.some((c) => c.method === 'DELETE' && /\/teams\/[^/]+\/members\//.test(c.path)),
    );
    // The other teams' channels were not touched.
    for (const team of teams.slice(2)) {
      assert.equal(graph.channelMemberRemovals(channelOf(team)).length, 0);
    }

    // Confirming again changes nothing in the channels.
    const again = await harness.send(click('formation.confirm'));
    assert.match(cardText(again.body), /0 personnes ajoutées, \d+ déjà membres, 0 retirées/);
    assert.equal(graph.channelMemberAdditions(second).filter((id) => id === a).length, 1);
  });

  it('puts someone Graph could not add to the team at first into their private channel once the hourly catch-up adds them', async () => {
    await start('private');
    // The first addition to the Teams team is throttled past its tries: a passing failure.
    for (let i = 0; i < 4; i += 1) graph.failNextMemberPosts.push({ status: 429, retryAfter: 1 });
    await harness.sendConfirmed(click('formation.confirm'));
    const teams = await harness.bot.teams.listByProgramme(DEMO_PROGRAMME.id);
    const inTeam = new Set(graph.teamMembers.get(TEAM_GROUP_ID) ?? []);
    const waiting = teams.flatMap(peopleOf).filter((id) => !inTeam.has(id));
    assert.equal(waiting.length, 1);
    const [person] = waiting;
    const team = teams.find((t) => peopleOf(t).includes(person!))!;
    assert.ok(!graph.channelMemberIds(channelOf(team)).includes(person!));

    const task = harness.bot.modules
      .flatMap((module) => module.tasks ?? [])
      .find((job) => job.name === 'team-membership-catch-up');
    assert.ok(task);
    await task.run();
    assert.ok((graph.teamMembers.get(TEAM_GROUP_ID) ?? []).includes(person!));
    assert.ok(graph.channelMemberIds(channelOf(team)).includes(person!));
    assert.equal(
      graph.channelMemberAdditions(channelOf(team)).filter((id) => id === person).length,
      1,
    );
    // Nobody else's channel changed.
    for (const other of teams.filter((t) => t !== team)) {
      assert.deepEqual(graph.channelMemberIds(channelOf(other)).sort(), peopleOf(other).sort());
    }
  });

  it('waits for Retry-After when Graph answers 429 and adds each person once', async () => {
    await start('shared');
    graph.failNextChannelMemberWrites.push({ status: 429, retryAfter: 1 }, { status: 503 });
    await harness.sendConfirmed(click('formation.confirm'));
    const teams = await harness.bot.teams.listByProgramme(DEMO_PROGRAMME.id);
    assert.equal(graph.failNextChannelMemberWrites.length, 0, 'Graph did answer 429 and 503');
    const posts = graph.calls.filter(
      (c) => c.method === 'POST' && /\/channels\/[^/]+\/members$/.test(c.path),
    );
    assert.deepEqual(
      posts.slice(0, 3).map((c) => c.status),
      [429, 503, 201],
    );
    for (const team of teams) {
      assert.equal(team.workspace?.membershipType, 'shared');
      assert.deepEqual(graph.channelMemberIds(channelOf(team)).sort(), peopleOf(team).sort());
    }
  });

  it('names a guest of an organisation not on Teams, says why and what to do, and goes on', async () => {
    const onem = KNOWN_ORGANISATIONS.find((o) => o.id === 'onem');
    assert.ok(onem && onem.onTeams === false);
    const programme = await harness.bot.programmes.get(DEMO_PROGRAMME.id);
    assert.ok(programme?.facilitators?.[1]);
    // A name with a Markdown link and a bidi override: shown as text, never as a link.
    const guest = {
      ...programme.facilitators[1],
      name: 'Nicolas [Faure](https://evil.example)\u202e',
      organisationId: 'onem',
    };
    await harness.bot.programmes.save({
      ...programme,
      organisations: [...programme.organisations, onem],
      facilitators: programme.facilitators.map((f) => (f.aadId === guest.aadId ? guest : f)),
    });
    // Not in the tenant: Graph answers 404 for them.
    graph.blockedUsers.add(guest.aadId);
    await start('private');

    const { body } = await harness.sendConfirmed(click('formation.confirm'));
    const text = cardText(body);
    assert.ok(!text.includes('](https://evil.example)'), 'the link is broken apart');
    assert.ok(!text.includes('\u202e'), 'the bidi override is removed');
    const shown = 'Nicolas \\[Faure\\]\u200b\\(https://evil\\.example\\)';
    const organisation = onem.name.replace(/[()]/g, '\\$&');
    assert.match(
      text,
      new RegExp(
        `Ajout à l’équipe Teams impossible pour ${shown} \\(${organisation} n’est pas encore sur Teams\u00a0: la personne n’a pas de compte dans ce Microsoft 365. Invitez-la comme invitée`,
      ),
    );
    assert.match(
      text,
      new RegExp(
        `Ajout au canal de «\u202f[^»]+\u202f» impossible pour ${shown} \\(${organisation} n’est pas encore sur Teams`,
      ),
    );
    const teams = await harness.bot.teams.listByProgramme(DEMO_PROGRAMME.id);
    for (const team of teams) {
      const wanted = peopleOf(team).filter((id) => id !== guest.aadId);
      const channel = channelOf(team);
      for (const id of wanted) assert.ok(graph.channelMemberIds(channel).includes(id));
    }
  });

  it('does nothing for a sender who may not confirm or change teams', async () => {
    await start('private');
    for (const verb of ['formation.confirm', 'formation.change', 'formation.dryRun']) {
      const answer = await harness.send(strangerClicks(verb));
      assert.match(cardText(answer.body), /réservée à l’équipe du Lab/);
    }
    assert.equal(
      graph.calls.filter((c) => c.method !== 'GET').length,
      0,
      'nothing created, added or removed',
    );
    assert.deepEqual(await harness.bot.teams.listByProgramme(DEMO_PROGRAMME.id), []);

    // Once teams are confirmed, a stranger's confirm or change moves nobody either.
    await harness.sendConfirmed(click('formation.confirm'));
    const writes = graph.calls.filter((c) => c.method !== 'GET').length;
    for (const verb of ['formation.confirm', 'formation.change']) {
      await harness.send(strangerClicks(verb));
    }
    assert.equal(graph.calls.filter((c) => c.method !== 'GET').length, writes);
  });
});
