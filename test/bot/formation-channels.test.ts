import assert from 'node:assert/strict';
import { DEMO_PROGRAMME } from '../../src/demo/seed-demo-programme';
import { FakeGraphServer } from '../fakes/fake-graph-server';
import { BotHarness, adminClicks, loadActivity } from './support/bot-harness';
import { graphCredential, GRAPH_TOKEN, fakeGraphSettings } from '../support/fake-graph-identity';

/** The programme's Teams team: its thread id (General) and its group id (Graph's name for it). */
const TEAM_THREAD_ID = '19:R7xW3kq8HnJd2VbYt5Lp@thread.tacv2';
const TEAM_GROUP_ID = 'd4c2b1a0-9e8f-4d7c-6b5a-493827161504';

function confirmClick(verb: string): Record<string, unknown> {
  return adminClicks(verb, { programmeId: DEMO_PROGRAMME.id });
}

function cardText(body: unknown): string {
  return JSON.stringify((body as { value: unknown }).value);
}

describe('team formation with channels through Microsoft Graph (fake Graph checks the consent)', () => {
  let harness: BotHarness;
  let graph: FakeGraphServer;

  beforeEach(async () => {
    // The token carries what installing the app grants: the manifest's resource-specific consent.
    graph = new FakeGraphServer(GRAPH_TOKEN);
    await graph.start();
    graph.addTeam(TEAM_GROUP_ID);
    harness = new BotHarness();
    harness.options = { graphCredential };
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

  it('creates one channel per team with the consent the manifest asks for', async () => {
    const { body } = await harness.sendConfirmed(confirmClick('formation.confirm'));
    assert.match(cardText(body), /Équipes confirmées — Défi du Lab 2026/);
    assert.match(cardText(body), /Canal «\u202fÉquipe 1[^»]*»\u00a0: créé/);
    assert.equal(graph.posts().length, 7);
    const teams = await harness.bot.teams.listByProgramme(DEMO_PROGRAMME.id);
    assert.equal(teams.length, 7);
    assert.ok(teams.every((team) => team.workspace?.kind === 'channel'));
  });

  it('falls back to threads in General and tells the organiser when the token lacks ChannelSettings.Read.Group', async () => {
    graph.permissions.delete('ChannelSettings.Read.Group');

    const { status, body } = await harness.sendConfirmed(confirmClick('formation.confirm'));

    assert.equal(status, 200);
    const text = cardText(body);
    assert.match(text, /Équipes confirmées — Défi du Lab 2026/);
    assert.match(text, /l’autorisation ChannelSettings\.Read\.Group n’a pas été accordée/);
    assert.match(text, /Fil «\u202fÉquipe 1[^»]*» dans le canal Général/);
    assert.doesNotMatch(text, /Canal «\u202f/, 'no team is said to have a channel');
    // Graph refused the list: nothing was created, and each team lives in a thread of General.
    assert.deepEqual(
      graph.calls.filter((call) => call.path.endsWith('/channels')).map((call) => call.method),
      ['GET'],
    );
    const teams = await harness.bot.teams.listByProgramme(DEMO_PROGRAMME.id);
    assert.equal(teams.length, 7);
    assert.ok(
      teams.every(
        (team) =>
          team.workspace?.kind === 'thread' && team.workspace.conversationId === TEAM_THREAD_ID,
      ),
    );
  });

  it('says so in a dry run too, before anything is confirmed', async () => {
    graph.permissions.delete('ChannelSettings.Read.Group');
    const { body } = await harness.send(confirmClick('formation.dryRun'));
    assert.match(cardText(body), /ChannelSettings\.Read\.Group/);
    assert.deepEqual(await harness.bot.teams.listByProgramme(DEMO_PROGRAMME.id), []);
  });
});
