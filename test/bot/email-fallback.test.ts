import assert from 'node:assert/strict';
import { GRAPH_MAIL_PERMISSIONS } from '../../src/adapters/graph/graph-mailbox';
import { GRAPH_APP_PERMISSIONS } from '../../src/adapters/graph/graph-user-reach';
import { FALLBACK_OFF_REASONS } from '../../src/adapters/email/email-fallback';
import { FakeGraphServer, manifestRscPermissions } from '../fakes/fake-graph-server';
import { BOT_PROGRAMME, TEST_SIGNING_KEY } from './support/candidacy-bot';
import { BotHarness, FIXTURE_ADMIN_AAD_ID, loadActivity } from './support/bot-harness';
import { graphCredential, GRAPH_TOKEN, fakeGraphSettings } from '../support/fake-graph-identity';
import { waitFor } from '../support/wait-for';

const CATALOGUE_ID = '5b3c8f2e-7d41-4a9b-9c0e-2f6a1d8e4b73';
const LAB_MAILBOX = 'lab-innovation@cnaf.fr';
/** The line manager the recorded form names, who never opened the bot. */
const MANAGER = {
  id: '9d8c7b6a-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  displayName: 'Hugo Martin',
  mail: 'manager.martin@caf-guyane.fr',
  userPrincipalName: 'manager.martin@caf-guyane.fr',
};
/** A motivation as a candidate may write it: HTML, a Markdown link, a right-to-left override. */
const MOTIVATION =
  'Je veux <b>contribuer</b> [voir ici](https://evil.example) \u202Eet apprendre des autres branches.';

describe('e-mail when Teams cannot reach a manager (Graph sendMail)', () => {
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

  /** Camille submits the recorded form naming manager.martin@caf-guyane.fr, with a hostile motivation. */
  async function submit(): Promise<void> {
    const activity = loadActivity('invoke-candidacy-submit') as {
      value: { action: { data: Record<string, string> } };
    };
    activity.value.action.data.motivation = MOTIVATION;
    const { body } = await harness.send(activity);
    assert.match(JSON.stringify((body as { value?: unknown }).value), /Candidature envoyée/);
  }

  const endorsementKey = async (): Promise<string> => {
    const candidacy = (await harness.bot.platform.candidacies.list(BOT_PROGRAMME.id))[0];
    const requestedAt = candidacy?.endorsement?.requestedAt.getTime();
    assert.ok(requestedAt !== undefined);
    return `endorsement:${BOT_PROGRAMME.id}:${candidacy!.id}:${requestedAt}`;
  };

  beforeEach(async () => {
    graph = new FakeGraphServer(GRAPH_TOKEN, [
      ...manifestRscPermissions(),
      ...Object.values(GRAPH_APP_PERMISSIONS),
      GRAPH_MAIL_PERMISSIONS.sendMail,
    ]);
    await graph.start();
    graph.catalogue.add(CATALOGUE_ID);
    graph.addUser(MANAGER);
    graph.addUser({
      id: '11111111-2222-4333-8444-555555555555',
      displayName: 'Lab Innovation',
      mail: LAB_MAILBOX,
      userPrincipalName: LAB_MAILBOX,
    });
    graph.mailboxesAllowed = new Set([LAB_MAILBOX]);
    // The bot cannot be installed for the manager: Graph refuses the installation.
    graph.permissions.delete('TeamsAppInstallation.ReadWriteSelfForUser.All');
  });

  afterEach(async () => {
    await harness.stop();
    await graph.stop();
  });

  it('sends the endorsement request by e-mail once when the bot cannot be installed for the manager', async () => {
    await start({ ...graphEnv(), GRAPH_MAIL_SENDER: LAB_MAILBOX });

    await submit();

    const mail = await waitFor(() => graph.sentMails[0], 'the e-mail to the manager');
    assert.equal(mail.from, LAB_MAILBOX);
    assert.deepEqual(mail.to, [MANAGER.mail]);
    assert.equal(mail.subject, 'Votre avis est demandé');
    assert.match(mail.content, /Camille Martin/);
    assert.match(mail.content, /Je veux &lt;b&gt;contribuer&lt;\/b&gt; \[voir ici\]/);
    assert.doesNotMatch(mail.content, /<b>contribuer|https:\/\/evil/);
    assert.ok(!mail.content.includes('\u202E'));
    assert.ok(
      mail.content.includes(`href="https://teams.microsoft.com/l/app/${CATALOGUE_ID}?tenantId=`),
      'a link back to the bot in Teams',
    );
    const row = await harness.bot.platform.email?.store.get(await endorsementKey());
    assert.equal(row?.state, 'sent');
    assert.equal(row?.cause, 'no-teams-route');
    assert.match(row?.teamsReason ?? '', /installing the bot for them failed/);
    // The manager was reached: the candidate is not told otherwise, and no second e-mail follows.
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(graph.sentMails.length, 1);
    assert.ok(
      !harness.connector.calls.some((call) =>
        JSON.stringify(call.body).includes('Votre responsable n’a pas pu être joint'),
      ),
    );
  });

  it('keeps the e-mail lines when the Lab refreshes its weekly digest, and shows them to nobody else', async () => {
    await start({
      ...graphEnv(),
      GRAPH_MAIL_SENDER: LAB_MAILBOX,
      LAB_ADMIN_IDS: FIXTURE_ADMIN_AAD_ID,
    });
    await submit();
    await waitFor(() => graph.sentMails[0], 'the e-mail to the manager');
    const key = await endorsementKey();
    for (let tries = 0; (await harness.bot.platform.email?.store.get(key))?.state !== 'sent';) {
      assert.ok((tries += 1) < 200, 'the e-mail recorded as sent');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    const refresh = async (from: Record<string, unknown> | undefined, weekly?: boolean) => {
      const activity = loadActivity('invoke-action-execute-profile');
      activity.from = from ?? {
        id: '29:lab-admin',
        name: 'Nadia Benali',
        aadObjectId: FIXTURE_ADMIN_AAD_ID,
      };
      const data = {
        verb: 'digest.refresh',
        programmeId: BOT_PROGRAMME.id,
        ...(weekly === undefined ? {} : { weekly }),
      };
      activity.value = { action: { type: 'Action.Execute', verb: 'digest.refresh', data } };
      const { body } = await harness.send(activity);
      return JSON.stringify((body as { value?: unknown }).value);
    };
    const weekly = await refresh(undefined, true);
    assert.equal(weekly.match(/Joindre chacun/g)?.length, 1);
    assert.match(weekly, /Messages de la semaine\u00a0: \d+ remis dans Teams, 1 par courriel/);
    // The bot never met the manager: the digest names them by the start of their Entra id.
    assert.match(weekly, /"title":"9d8c7b6a…","value":"par courriel \(aucun moyen de le joindre/);
    // The dashboard, as "tableau de bord" shows it, stays within its statements: no e-mail lines.
    assert.doesNotMatch(await refresh(undefined), /Messages de la semaine/);
    // The candidate, who is not in the Lab team, gets the refusal and no names.
    const candidate = loadActivity('invoke-candidacy-submit').from as Record<string, unknown>;
    const refused = await refresh(candidate, true);
    assert.doesNotMatch(refused, /9d8c7b6a|Messages de la semaine/);
    assert.match(refused, /réservé|équipe du Lab/i);
  });

  it('tells the candidate once when the e-mail to their manager fails too', async () => {
    // The Lab's mailbox is outside the application access policy: Graph refuses to send.
    graph.mailboxesAllowed = new Set(['someone-else@cnaf.fr']);
    await start({ ...graphEnv(), GRAPH_MAIL_SENDER: LAB_MAILBOX });

    await submit();

    const key = await endorsementKey();
    const told = () =>
      harness.connector.calls.filter((call) =>
        JSON.stringify(call.body).includes('Votre responsable n’a pas pu être joint'),
      );
    await waitFor(() => (told().length > 0 ? true : undefined), 'the candidate told');
    const row = await harness.bot.platform.email?.store.get(key);
    assert.equal(row?.state, 'failed');
    assert.equal(graph.sentMails.length, 0);
    const notice = told()[0]!;
    assert.match(JSON.stringify(notice.body), /manager\.martin@caf-guyane\.fr/);
    // In the candidate's own chat, the one the recorded form came from.
    assert.equal(notice.conversationId, 'a:1personal-camille-7Hk2');
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(told().length, 1);
  });

  it('e-mails the request once when the manager blocked the bot in the chat its installation opened', async () => {
    graph.permissions.add('TeamsAppInstallation.ReadWriteSelfForUser.All');
    await start({ ...graphEnv(), GRAPH_MAIL_SENDER: LAB_MAILBOX });
    harness.connector.isBlocked = (conversationId) =>
      conversationId === graph.installations.get(MANAGER.id)?.chatId;

    await submit();

    const mail = await waitFor(() => graph.sentMails[0], 'the e-mail to the manager');
    assert.deepEqual(mail.to, [MANAGER.mail]);
    assert.equal(mail.subject, 'Votre avis est demandé');
    const key = await endorsementKey();
    const teams = await harness.bot.platform.outbox.get(key);
    assert.equal(teams?.state, 'unreachable');
    assert.equal(teams?.lastError, '403 ConversationBlockedByUser');
    const row = await harness.bot.platform.email?.store.get(key);
    assert.equal(row?.state, 'sent');
    assert.equal(row?.cause, 'teams-unreachable');
    assert.equal(row?.teamsReason, '403 ConversationBlockedByUser');
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(graph.sentMails.length, 1);
  });

  it('without GRAPH_MAIL_SENDER sends no e-mail, records why, and tells the candidate as before', async () => {
    await start(graphEnv());

    await submit();

    await waitFor(
      () =>
        harness.connector.calls.find((call) =>
          JSON.stringify(call.body).includes('Votre responsable n’a pas pu être joint'),
        ),
      'the notice to the candidate',
    );
    assert.equal(graph.sentMails.length, 0);
    assert.equal(graph.calls.filter((call) => call.path.endsWith('/sendMail')).length, 0);
    const row = await harness.bot.platform.email?.store.get(await endorsementKey());
    assert.equal(row?.state, 'skipped');
    assert.equal(row?.reason, FALLBACK_OFF_REASONS['no-sender']);
  });
});
