import assert from 'node:assert/strict';
import { GRAPH_APP_PERMISSIONS } from '../../src/adapters/graph/graph-user-reach';
import type { Programme } from '../../src/core/programmes/programme';
import { FakeGraphServer, manifestRscPermissions } from '../fakes/fake-graph-server';
import { BOT_PROGRAMME, TEST_SIGNING_KEY } from './support/candidacy-bot';
import { adminClicks, BotHarness, loadActivity } from './support/bot-harness';
import { graphCredential, GRAPH_TOKEN, fakeGraphSettings } from '../support/fake-graph-identity';
import { waitFor } from '../support/wait-for';

const CATALOGUE_ID = '5b3c8f2e-7d41-4a9b-9c0e-2f6a1d8e4b73';
/** The director who sponsors Camille's team, never seen by the bot. */
const SPONSOR = {
  id: '4e5f6a7b-8c9d-4e0f-9a1b-2c3d4e5f6a7b',
  displayName: 'Marie Dupont',
  mail: 'marie.dupont@caf-guyane.fr',
  userPrincipalName: 'marie.dupont@caf-guyane.fr',
};

/** The 2023 shape: organisations apply with their own teams. */
const TEAM_PROGRAMME: Programme = {
  ...BOT_PROGRAMME,
  intakeMode: 'team',
  teamIntake: { minTeamSize: 2, teamsPerOrganisation: 1 },
};

/** Camille, the team's referent, clicking "Envoyer" on the team form. */
function submitTeam(fields: Record<string, string>): Record<string, unknown> {
  const data = {
    verb: 'candidacy.submit',
    programmeId: TEAM_PROGRAMME.id,
    organisationId: 'caf-guyane',
    teamName: 'Les Petits Pas',
    members: '',
    memberEmails: 'jeanne.leroy@caf-guyane.fr',
    projectIdea: 'Un accueil des nouveaux arrivants en binôme.',
    sponsor: 'Marie Dupont, directrice',
    availableForKickOff: 'true',
    availableForHackathon: 'true',
    ...fields,
  };
  return {
    ...loadActivity('invoke-candidacy-submit'),
    value: {
      action: { type: 'Action.Execute', verb: 'candidacy.submit', data },
      trigger: 'manual',
    },
  };
}

describe('the sponsor of a team candidacy hears of the Lab’s decision', () => {
  let harness: BotHarness;
  let graph: FakeGraphServer;

  async function start(): Promise<void> {
    harness = new BotHarness();
    harness.options = { graphCredential, graphSleep: () => Promise.resolve() };
    await harness.start({
      EXPORT_SIGNING_KEY: TEST_SIGNING_KEY,
      ...fakeGraphSettings(graph.baseUrl),
      GRAPH_TEAMS_APP_ID: CATALOGUE_ID,
    });
    await harness.bot.programmes.save(TEAM_PROGRAMME);
  }

  /** Camille submits; returns the candidacy's id. */
  async function submit(fields: Record<string, string> = {}): Promise<string> {
    const { body } = await harness.send(submitTeam(fields));
    assert.match(JSON.stringify(body), /Candidature envoyée/, JSON.stringify(body).slice(0, 800));
    const [candidacy] = await harness.bot.platform.candidacies.list(TEAM_PROGRAMME.id);
    assert.ok(candidacy);
    return candidacy.id;
  }

  function decide(candidacyId: string, decision: 'accept' | 'decline') {
    return adminClicks('selection.decide', {
      programmeId: TEAM_PROGRAMME.id,
      candidacyId,
      decision,
    });
  }

  const posted = (pattern: RegExp) =>
    harness.connector.calls.filter(
      (call) => call.method === 'POST' && pattern.test(JSON.stringify(call.body)),
    );

  beforeEach(async () => {
    graph = new FakeGraphServer(GRAPH_TOKEN, [
      ...manifestRscPermissions(),
      ...Object.values(GRAPH_APP_PERMISSIONS),
    ]);
    await graph.start();
    graph.catalogue.add(CATALOGUE_ID);
    graph.addUser(SPONSOR);
  });

  afterEach(async () => {
    await harness.stop();
    await graph.stop();
  });

  it('keeps the sponsor’s address from the form and sends the acceptance to their chat, installing the bot', async () => {
    await start();
    const id = await submit({ sponsorEmail: ' Marie.Dupont@caf-guyane.fr ' });
    const [stored] = await harness.bot.platform.candidacies.list(TEAM_PROGRAMME.id);
    assert.equal(
      stored?.answers.mode === 'team' ? stored.answers.sponsorEmail : undefined,
      'marie.dupont@caf-guyane.fr',
    );

    const { status } = await harness.send(decide(id, 'accept'));
    assert.equal(status, 200);

    const chatId = await waitFor(
      () => graph.installations.get(SPONSOR.id)?.chatId,
      'the bot installed for the sponsor',
    );
    const card = await waitFor(
      () =>
        posted(/Équipe «\u202fLes Petits Pas\u202f»\u00a0: candidature retenue/).find(
          (call) => call.conversationId === chatId,
        ),
      'the sponsor’s notice in the chat Graph gave',
    );
    const text = JSON.stringify(card.body);
    assert.match(text, /présentée par Camille Martin, vous désigne comme commanditaire/);
    assert.match(text, /Le Lab l’a retenue pour le programme «\u202fDéfi du Lab \(essai\)\u202f»/);
    assert.equal(posted(/Le bot n’a pas pu joindre votre commanditaire/).length, 0);
  });

  it('tells the sponsor the team is not retained, after the Lab confirms', async () => {
    await start();
    const id = await submit({ sponsorEmail: SPONSOR.mail });
    const { question } = await harness.sendConfirmed(decide(id, 'decline'));
    assert.match(JSON.stringify(question), /n’est pas retenue/);
    await waitFor(
      () => posted(/Équipe «\u202fLes Petits Pas\u202f»\u00a0: candidature non retenue/)[0],
      'the sponsor’s notice',
    );
  });

  it('tells the referent when the sponsor cannot be reached, and sends the sponsor nothing', async () => {
    graph.permissions.delete('TeamsAppInstallation.ReadWriteSelfForUser.All');
    await start();
    const id = await submit({ sponsorEmail: SPONSOR.mail });
    await harness.send(decide(id, 'accept'));
    const told = await waitFor(
      () => posted(/Le bot n’a pas pu joindre votre commanditaire/)[0],
      'the notice to the referent',
    );
    const text = JSON.stringify(told.body);
    assert.match(text, /marie\.dupont@caf-guyane\.fr/);
    assert.match(text, /Transmettez-lui la décision vous-même/);
    assert.doesNotMatch(text, /TeamsAppInstallation|403/);
    const referentChat = loadActivity('invoke-candidacy-submit').conversation as { id: string };
    assert.equal(told.conversationId, referentChat.id);
    assert.equal(posted(/candidature retenue/).filter((c) => c !== told).length, 0);
    assert.equal(graph.installations.size, 0);
  });

  it('says nothing to anyone else when the form names no sponsor address', async () => {
    await start();
    const id = await submit();
    await harness.send(decide(id, 'accept'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(posted(/commanditaire/).length, 0);
    assert.equal(graph.installations.size, 0);
  });

  it('refuses a malformed or over-long sponsor address next to its field, and stores nothing', async () => {
    await start();
    for (const sponsorEmail of [
      'marie at caf',
      `${'a'.repeat(250)}@caf-guyane.fr`,
      '**marie**@caf-guyane.fr\u202e',
    ]) {
      const { body } = await harness.send(submitTeam({ sponsorEmail }));
      const card = JSON.stringify(body);
      assert.doesNotMatch(card, /Candidature envoyée/);
      assert.match(card, /adresse électronique invalide|caractères/);
    }
    assert.deepEqual(await harness.bot.platform.candidacies.list(TEAM_PROGRAMME.id), []);
  });
});
