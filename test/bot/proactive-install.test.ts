import assert from 'node:assert/strict';
import { GRAPH_APP_PERMISSIONS } from '../../src/adapters/graph/graph-user-reach';
import { FakeGraphServer, manifestRscPermissions } from '../fakes/fake-graph-server';
import { BOT_PROGRAMME, TEST_SIGNING_KEY } from './support/candidacy-bot';
import { BotHarness, loadActivity } from './support/bot-harness';
import { graphCredential, GRAPH_TOKEN, fakeGraphSettings } from '../support/fake-graph-identity';
import { waitFor } from '../support/wait-for';

/** The bot's app in the organisation's Teams app catalogue. */
const CATALOGUE_ID = '5b3c8f2e-7d41-4a9b-9c0e-2f6a1d8e4b73';
/** The line manager the recorded form names (manager.martin@caf-guyane.fr), never seen by the bot. */
const MANAGER = {
  id: '9d8c7b6a-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  displayName: 'Hugo Martin',
  mail: 'manager.martin@caf-guyane.fr',
  userPrincipalName: 'manager.martin@caf-guyane.fr',
};

describe('reaching a manager who never opened the bot (proactive installation through Graph)', () => {
  let harness: BotHarness;
  let graph: FakeGraphServer;

  async function start(env: Record<string, string>): Promise<void> {
    harness = new BotHarness();
    harness.options = { graphCredential, graphSleep: () => Promise.resolve() };
    await harness.start({ EXPORT_SIGNING_KEY: TEST_SIGNING_KEY, ...env });
    await harness.bot.programmes.save({ ...BOT_PROGRAMME, endorsementRequired: true });
  }

  const graphEnv = (): Record<string, string> => ({
    ...fakeGraphSettings(graph.baseUrl),
    GRAPH_TEAMS_APP_ID: CATALOGUE_ID,
  });

  /** Camille submits the recorded form naming manager.martin@caf-guyane.fr. */
  async function submit(): Promise<string> {
    const { body } = await harness.send(loadActivity('invoke-candidacy-submit'));
    const card = JSON.stringify((body as { value?: unknown }).value);
    assert.match(card, /Candidature envoyée/);
    return card;
  }

  beforeEach(async () => {
    graph = new FakeGraphServer(GRAPH_TOKEN, [
      ...manifestRscPermissions(),
      ...Object.values(GRAPH_APP_PERMISSIONS),
    ]);
    await graph.start();
    graph.catalogue.add(CATALOGUE_ID);
    graph.addUser(MANAGER);
    // The installation shows in Graph only on the third read.
    graph.installVisibleAfterReads = 2;
  });

  afterEach(async () => {
    await harness.stop();
    await graph.stop();
  });

  it('finds the manager by e-mail, installs the bot for them and delivers the request in that chat', async () => {
    await start(graphEnv());

    await submit();

    const chatId = graph.installations.get(MANAGER.id)?.chatId;
    assert.ok(chatId, 'the bot was installed for the manager');
    assert.equal(graph.installs().length, 1);
    const delivered = await waitFor(
      () =>
        harness.connector.calls.find(
          (call) =>
            call.method === 'POST' &&
            call.conversationId === chatId &&
            JSON.stringify(call.body).includes('Votre avis est demandé'),
        ),
      'the endorsement request in the chat Graph gave',
    );
    assert.match(JSON.stringify(delivered.body), /Camille Martin/);
    const personal = await harness.bot.platform.conversations.findPersonal(MANAGER.id);
    assert.equal(personal?.conversationId, chatId);
    const candidacy = (await harness.bot.platform.candidacies.list(BOT_PROGRAMME.id))[0];
    assert.equal(candidacy?.endorsement?.managerAadId, MANAGER.id);

    // A second notice to the manager uses the recorded chat: no second installation.
    await harness.send(loadActivity('invoke-candidacy-submit'));
    assert.equal(graph.installs().length, 1);
  });

  it('while Graph throttles, answers the candidate without waiting and delivers to the manager once Graph is back', async () => {
    const waits: number[] = [];
    harness = new BotHarness();
    harness.options = {
      graphCredential,
      graphSleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    };
    await harness.start({ EXPORT_SIGNING_KEY: TEST_SIGNING_KEY, ...graphEnv() });
    await harness.bot.programmes.save({ ...BOT_PROGRAMME, endorsementRequired: true });
    const start = harness.clock.now().getTime();
    // The installation calls answer 429 (Retry-After 20 s) for a minute; finding the manager by
    // e-mail still works.
    graph.outage = {
      now: () => harness.clock.now().getTime(),
      throttledUntil: start + 60_000,
      unavailableUntil: start + 60_000,
      retryAfter: 20,
      spare: /^\/v1\.0\/users\/[^/]+$/,
    };

    await submit();

    // The turn waited for no Retry-After: one refused installation, then the outbox's turn.
    assert.deepEqual(
      graph.installs().map((c) => c.status),
      [429],
    );
    assert.ok(!waits.includes(20_000), `waits in the turn: ${waits.join(', ')}`);
    const candidacy = (await harness.bot.platform.candidacies.list(BOT_PROGRAMME.id))[0];
    const endorsement = candidacy?.endorsement;
    assert.equal(endorsement?.managerAadId, MANAGER.id);
    const key = `endorsement:${BOT_PROGRAMME.id}:${candidacy!.id}:${endorsement.requestedAt.getTime()}`;
    assert.deepEqual((await harness.bot.platform.outbox.get(key))?.target, {
      kind: 'install',
      userAadId: MANAGER.id,
    });

    // Graph is back: the outbox installs the bot once and delivers the request in its chat.
    harness.clock.set(new Date(start + 6 * 60_000));
    const delivered = await waitFor(() => {
      const chatId = graph.installations.get(MANAGER.id)?.chatId;
      const calls = harness.connector.calls.filter(
        (call) =>
          call.method === 'POST' &&
          call.conversationId === chatId &&
          JSON.stringify(call.body).includes('Votre avis est demandé'),
      );
      return calls.length > 0 ? calls : undefined;
    }, 'the endorsement request once Graph is back');
    assert.equal(delivered.length, 1);
    assert.equal(graph.installs().filter((c) => c.status === 201).length, 1);
    assert.equal((await harness.bot.platform.outbox.get(key))?.state, 'sent');
    // The candidate is not told their manager is unreachable: they were reached.
    assert.ok(
      !JSON.stringify(harness.connector.sentActivities()).includes(
        'Votre responsable n’a pas pu être joint',
      ),
    );
  });

  it('tells the candidate when the bot cannot be installed for the manager, without Graph’s error in the card', async () => {
    graph.permissions.delete('TeamsAppInstallation.ReadWriteSelfForUser.All');
    await start(graphEnv());

    await submit();

    const told = await waitFor(
      () =>
        harness.connector.calls.find(
          (call) =>
            call.method === 'POST' &&
            JSON.stringify(call.body).includes('Votre responsable n’a pas pu être joint'),
        ),
      'the notice to the candidate',
    );
    assert.match(JSON.stringify(told.body), /manager\.martin@caf-guyane\.fr/);
    assert.doesNotMatch(JSON.stringify(told.body), /TeamsAppInstallation|403/);
    assert.equal(graph.installations.size, 0);
    const sent = harness.connector.calls.filter((call) =>
      JSON.stringify(call.body).includes('Votre avis est demandé'),
    );
    assert.equal(sent.length, 0);

    // The Lab team's digest counts the manager who could not be reached, and why.
    await harness.send({
      ...loadActivity('personal-message-status-admin'),
      text: `tableau de bord ${BOT_PROGRAMME.id}`,
    });
    const digest = JSON.stringify(
      harness.connector
        .sentActivities()
        .filter((activity) => JSON.stringify(activity).includes('Joindre chacun')),
    );
    assert.match(digest, /Injoignables","value":"1"/);
    assert.match(
      digest,
      /autorisation non accordée\)","value":"1, dont 1 demande\(s\) d’avis à un responsable"/,
    );
  });

  it('without Graph, calls nothing and keeps the request for the "avis" command as before', async () => {
    await start({});

    await submit();

    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(graph.calls.length, 0);
    const candidacy = (await harness.bot.platform.candidacies.list(BOT_PROGRAMME.id))[0];
    assert.equal(candidacy?.endorsement?.managerAadId, null);
    assert.equal(candidacy?.endorsement?.status, 'pending');
  });
});
