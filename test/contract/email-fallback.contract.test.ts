import assert from 'node:assert/strict';
import type { AccessToken, TokenCredential } from '@azure/identity';
import { GraphMailbox, GRAPH_MAIL_PERMISSIONS } from '../../src/adapters/graph/graph-mailbox';
import type { DatabaseHandle } from '../../src/adapters/sql/open-database';
import { SqlConversationStore } from '../../src/adapters/sql/sql-conversation-store';
import {
  INTERRUPTED_REASON,
  SqlEmailDeliveryStore,
} from '../../src/adapters/sql/sql-email-delivery-store';
import { SqlOutboxStore } from '../../src/adapters/sql/sql-outbox-store';
import { SqlPeopleDirectory } from '../../src/adapters/sql/sql-people-directory';
import { buildCard } from '../../src/adapters/teams/cards/card-kit';
import type { AdaptiveCardJson } from '../../src/adapters/teams/cards/render-card';
import { sanitiseCard } from '../../src/adapters/teams/cards/sanitise-card';
import type { NoticeRenderers } from '../../src/adapters/teams/notices/notice-renderer';
import {
  OutboxNotifier,
  UndeliverableNoticeError,
} from '../../src/adapters/teams/notices/outbox-notifier';
import type { OutboxPayload } from '../../src/core/ports/outbox-store';
import {
  chainAddressBooks,
  EmailFallback,
  FALLBACK_OFF_REASONS,
  NO_ADDRESS_REASON,
  type EmailFallbackOff,
} from '../../src/adapters/email/email-fallback';
import { EmailWorker } from '../../src/adapters/email/email-worker';
import { buildTeamsDeepLink } from '../../src/adapters/email/render-email';
import { SqlReachSource } from '../../src/adapters/sql/sql-reach-source';
import { SqlPersonalDataStore } from '../../src/adapters/sql/sql-personal-data-store';
import { toPseudonym } from '../../src/core/personal-data/to-pseudonym';
import { buildDigestCard } from '../../src/features/digests/build-digest-card';
import { createTranslator } from '../../src/i18n/translate';
import { FakeGraphServer } from '../fakes/fake-graph-server';
import { testDatabases } from './test-databases';

const GRAPH_TOKEN = 'graph-mail-token';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CATALOGUE_ID = '5b3c8f2e-7d41-4a9b-9c0e-2f6a1d8e4b73';
const LAB_MAILBOX = 'lab-innovation@cnaf.fr';
const TEAMS_LINK = buildTeamsDeepLink({
  teamsAppCatalogueId: CATALOGUE_ID,
  tenantId: TENANT,
  botAppId: undefined,
});
const MANAGER = {
  id: '9d8c7b6a-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  displayName: 'Hugo Martin',
  mail: 'hugo.martin@caf-guyane.fr',
  userPrincipalName: 'hugo.martin@caf-guyane.fr',
};
/** A person of Onem, which the catalogue marks as not on Teams yet (domain onem.be). */
const ONEM_PERSON = {
  id: '3f2e1d0c-9b8a-4765-b432-10fedcba9876',
  displayName: 'Lotte Peeters',
  mail: 'lotte.peeters@onem.be',
  userPrincipalName: 'lotte.peeters@onem.be',
};

/** Free text as people write it: HTML, a Markdown link, a right-to-left override. */
const HOSTILE =
  'Voir <b>ici</b> [mon site](https://evil.example) \u202Eexe.pdf & <script>x</script>';

const credential: TokenCredential = {
  getToken: (): Promise<AccessToken> =>
    Promise.resolve({ token: GRAPH_TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 }),
};

/** The card of an endorsement request, with a hostile motivation. */
function requestCard(): AdaptiveCardJson {
  return buildCard({
    title: 'Votre avis est demandé',
    lines: ['Camille Martin candidate au Défi du Lab 2026.'],
    facts: [{ label: 'Organisation', value: 'Caf de Guyane' }],
    sections: [{ texts: [HOSTILE] }],
    inputs: [{ kind: 'text', id: 'comment', label: 'Commentaire', value: '', maxLength: 100 }],
    actions: [{ title: 'Donner un avis favorable', verb: 'candidacy.endorse' }],
  });
}

/** That card as the notifier queues it, sanitised. */
function requestPayload(): OutboxPayload {
  return { kind: 'card', card: sanitiseCard(requestCard()), summary: 'Votre avis est demandé' };
}

const renderers: NoticeRenderers = {
  'test.request': () => ({ card: requestCard(), summary: 'Votre avis est demandé' }),
};

for (const target of testDatabases()) {
  describe(`e-mail fallback (${target.name})`, () => {
    let database: DatabaseHandle | undefined;
    let graph: FakeGraphServer;
    let store: SqlEmailDeliveryStore;
    let outbox: SqlOutboxStore;
    let conversations: SqlConversationStore;
    let people: SqlPeopleDirectory;
    let now: number;
    const clock = { now: () => new Date(now) };

    function fallback(off?: EmailFallbackOff): { fallback: EmailFallback; worker: EmailWorker } {
      const mailbox = new GraphMailbox(credential, LAB_MAILBOX, {
        baseUrl: graph.baseUrl,
        sleep: () => Promise.resolve(),
      });
      const addresses = chainAddressBooks(people, mailbox);
      return {
        fallback: new EmailFallback({
          store,
          conversations,
          addresses,
          clock,
          off,
          notOnTeamsDomains: ['onem.be'],
        }),
        worker: new EmailWorker({
          store,
          sender: mailbox,
          addresses,
          clock,
          owner: 'bot-a',
          teamsLink: TEAMS_LINK,
          // Pacing waits move the test's clock instead of the test's time.
          sleep: (ms) => {
            now += ms;
            return Promise.resolve();
          },
          random: () => 0.5,
        }),
      };
    }

    /** A message to the manager's personal chat that Teams refused for good. */
    async function unreachableRow(key = 'endorsement:defi:cand-1:1') {
      await conversations.upsert({
        conversationId: 'a:1manager',
        scope: 'personal',
        serviceUrl: 'https://smba.trafficmanager.net/emea/',
        tenantId: TENANT,
        teamId: null,
        channelId: null,
        userAadId: MANAGER.id,
        botId: '28:bot',
        locale: 'fr-FR',
        timezone: 'Europe/Paris',
        installedAt: clock.now(),
        updatedAt: clock.now(),
        uninstalledAt: null,
      });
      await outbox.enqueue(
        {
          idempotencyKey: key,
          target: { kind: 'conversation', conversationId: 'a:1manager' },
          payload: requestPayload(),
          notBefore: clock.now(),
        },
        clock.now(),
      );
      await outbox.claimDue(clock.now(), 10, 'bot-a', 60_000);
      await outbox.markUnreachable(key, 'bot-a', '403 ConversationBlockedByUser', clock.now());
      const row = await outbox.get(key);
      assert.ok(row);
      return row;
    }

    beforeEach(async () => {
      now = Date.parse('2026-11-20T08:00:00.000Z');
      database = await target.open();
      store = new SqlEmailDeliveryStore(database.db);
      outbox = new SqlOutboxStore(database.db);
      conversations = new SqlConversationStore(database.db);
      people = new SqlPeopleDirectory(database.db);
      graph = new FakeGraphServer(GRAPH_TOKEN, [
        GRAPH_MAIL_PERMISSIONS.sendMail,
        GRAPH_MAIL_PERMISSIONS.getUser,
      ]);
      graph.addUser({
        id: '11111111-2222-4333-8444-555555555555',
        displayName: 'Lab Innovation',
        mail: LAB_MAILBOX,
        userPrincipalName: LAB_MAILBOX,
      });
      graph.addUser(MANAGER);
      graph.addUser(ONEM_PERSON);
      graph.mailboxesAllowed = new Set([LAB_MAILBOX]);
      await graph.start();
    });

    afterEach(async () => {
      await graph.stop();
      await database?.close();
      database = undefined;
    });

    it('sends a message Teams refused by e-mail once: the title as subject, escaped texts, a link back to Teams', async () => {
      const { fallback: email, worker } = fallback();
      const row = await unreachableRow();

      await email.afterTeamsUnreachable(row, '403 ConversationBlockedByUser');
      assert.equal(await worker.runOnce(), 1);
      // The same message found unreachable again (another instance, a retry) sends nothing more.
      await email.afterTeamsUnreachable(row, '403 ConversationBlockedByUser');
      assert.equal(await worker.runOnce(), 0);

      assert.equal(graph.sentMails.length, 1);
      const mail = graph.sentMails[0]!;
      assert.equal(mail.from, LAB_MAILBOX);
      assert.deepEqual(mail.to, [MANAGER.mail]);
      assert.equal(mail.subject, 'Votre avis est demandé');
      assert.equal(mail.contentType, 'HTML');
      assert.equal(mail.saveToSentItems, false);
      const html = mail.content;
      assert.match(html, /<html lang="fr">/);
      assert.match(html, /n’a pas pu vous joindre dans Microsoft Teams/);
      assert.match(html, /Camille Martin candidate au Défi du Lab 2026\./);
      assert.match(html, /<th[^>]*>Organisation<\/th><td[^>]*>Caf de Guyane<\/td>/);
      // What people wrote is text: no tag, no link, no bidirectional override of theirs.
      assert.match(
        html,
        /Voir &lt;b&gt;ici&lt;\/b&gt; \[mon site\]\(https:\/\u200b\/evil\.example\)/,
      );
      // Nor an address a mail client would make a link of by itself.
      assert.ok(!html.includes('https://evil'));
      assert.match(html, /&amp; &lt;script&gt;x&lt;\/script&gt;/);
      assert.doesNotMatch(html, /<script>|<b>|href="https:\/\/evil/);
      assert.ok(!html.includes('\u202E'), 'the right-to-left override is removed');
      // Inputs and buttons stay in Teams, where the link leads.
      assert.doesNotMatch(html, /Commentaire|Donner un avis favorable/);
      assert.ok(
        html.includes(
          `<a href="https://teams.microsoft.com/l/app/${CATALOGUE_ID}?tenantId=${TENANT}">`,
        ),
      );
      const recorded = await store.get(row.idempotencyKey);
      assert.equal(recorded?.state, 'sent');
      assert.equal(recorded?.cause, 'teams-unreachable');
      assert.equal(recorded?.teamsReason, '403 ConversationBlockedByUser');
      // Nothing of the message is kept once it is sent.
      assert.deepEqual(recorded?.payload, { kind: 'text', text: '' });
    });

    it('sends by e-mail a message whose installation failed for good in the outbox (install target)', async () => {
      const { fallback: email, worker } = fallback();
      await outbox.enqueue(
        {
          idempotencyKey: 'endorsement:defi:cand-9:1',
          target: { kind: 'install', userAadId: MANAGER.id },
          payload: requestPayload(),
          notBefore: clock.now(),
        },
        clock.now(),
      );
      const [row] = await outbox.claimDue(clock.now(), 10, 'bot-a', 60_000);
      assert.ok(row);

      await email.afterTeamsUnreachable(row, 'installing the bot for the recipient: 404');
      assert.equal(await worker.runOnce(), 1);

      assert.deepEqual(
        graph.sentMails.map((m) => m.to),
        [[MANAGER.mail]],
      );
      assert.equal((await store.get(row.idempotencyKey))?.cause, 'teams-unreachable');
    });

    it('writes the e-mail’s own words in the language the person last wrote in', async () => {
      const { fallback: email, worker } = fallback();
      const row = await unreachableRow();
      await conversations.recordUserContext({
        aadId: MANAGER.id,
        locale: 'en-GB',
        timezone: 'Europe/Brussels',
        seenAt: clock.now(),
      });

      await email.afterTeamsUnreachable(row, 'unreachable');
      await worker.runOnce();

      const html = graph.sentMails[0]?.content ?? '';
      assert.match(html, /<html lang="en">/);
      assert.match(html, /could not reach you in Microsoft Teams/);
      assert.match(html, />Open Lab Innovation in Teams<\/a>/);
    });

    it('counts e-mails of a bulk send as queued, with no outbox row for them', async () => {
      const { fallback: email, worker } = fallback();
      const notifier = new OutboxNotifier(
        outbox,
        conversations,
        renderers,
        clock,
        undefined,
        undefined,
        email,
      );

      const result = await notifier.notifyBulk({ id: 'batch-1', label: 'Rappel' }, [
        {
          idempotencyKey: 'bulk:onem',
          recipient: { kind: 'user', aadId: ONEM_PERSON.id },
          notice: { kind: 'test.request', data: {} },
        },
      ]);
      await worker.runOnce();

      assert.deepEqual(result, { queued: 1, undelivered: 0 });
      assert.equal(await outbox.get('bulk:onem'), undefined);
      assert.equal(graph.sentMails.length, 1);
    });

    it('waits for Graph’s Retry-After after a 429 and then sends once', async () => {
      const { fallback: email, worker } = fallback();
      await email.afterTeamsUnreachable(await unreachableRow(), 'unreachable');
      graph.failNextMails.push({ status: 429, retryAfter: 7 });
      const start = now;

      assert.equal(await worker.runOnce(), 1);
      assert.equal(graph.sentMails.length, 0);
      const waiting = await store.get('endorsement:defi:cand-1:1');
      assert.equal(waiting?.state, 'pending');
      assert.equal(waiting?.throttles, 1);
      assert.equal(waiting?.nextAttemptAt.getTime(), start + 7_000);
      // Before the Retry-After ends, nothing is claimed.
      now = start + 6_000;
      assert.equal(await worker.runOnce(), 0);
      now = start + 7_000;
      assert.equal(await worker.runOnce(), 1);
      assert.equal(await worker.runOnce(), 0);

      assert.equal(graph.sentMails.length, 1);
      assert.equal(
        graph.calls
          .filter((call) => call.path.endsWith('/sendMail'))
          .map((call) => call.status)
          .join(','),
        '429,202',
      );
      assert.equal((await store.get('endorsement:defi:cand-1:1'))?.state, 'sent');
    });

    it('paces the mailbox: two e-mails are two seconds apart at least', async () => {
      const { fallback: email, worker } = fallback();
      await email.afterTeamsUnreachable(await unreachableRow('m:1'), 'unreachable');
      await email.afterTeamsUnreachable(await unreachableRow('m:2'), 'unreachable');
      const start = now;

      assert.equal(await worker.runOnce(), 2);

      assert.equal(graph.sentMails.length, 2);
      assert.ok(now - start >= 2_000, `the second waited ${now - start} ms`);
    });

    it('never sends twice an e-mail whose send was interrupted by a crash', async () => {
      const { fallback: email, worker } = fallback();
      await email.afterTeamsUnreachable(await unreachableRow(), 'unreachable');
      // Another instance claimed it and began the send, then died.
      await store.claimDue(clock.now(), 10, 'bot-dead', 60_000);
      assert.equal(await store.markSending('endorsement:defi:cand-1:1', 'bot-dead'), true);

      assert.equal(await worker.runOnce(), 0, 'held while the dead owner’s lease runs');
      now += 61_000;
      assert.equal(await worker.runOnce(), 0);

      assert.equal(graph.sentMails.length, 0);
      const row = await store.get('endorsement:defi:cand-1:1');
      assert.equal(row?.state, 'failed');
      assert.equal(row?.reason, INTERRUPTED_REASON);
    });

    it('records the refusal when the Graph app lacks Mail.Send or the access policy excludes the mailbox', async () => {
      const { fallback: email, worker } = fallback();
      await email.afterTeamsUnreachable(await unreachableRow('m:1'), 'unreachable');
      graph.permissions.delete('Mail.Send');
      await worker.runOnce();
      graph.permissions.add('Mail.Send');
      graph.mailboxesAllowed = new Set(['another@cnaf.fr']);
      await email.afterTeamsUnreachable(await unreachableRow('m:2'), 'unreachable');
      now += 10_000;
      await worker.runOnce();

      assert.equal(graph.sentMails.length, 0);
      assert.match((await store.get('m:1'))?.reason ?? '', /403.*Mail\.Send/);
      assert.match((await store.get('m:2'))?.reason ?? '', /403.*AccessPolicy/);
      assert.equal((await store.get('m:2'))?.state, 'failed');
    });

    for (const off of ['no-sender', 'no-graph'] as const) {
      it(`sends nothing and records why when the fallback is off (${off})`, async () => {
        const { fallback: email, worker } = fallback(off);
        await email.afterTeamsUnreachable(await unreachableRow(), 'unreachable');
        await worker.runOnce();

        assert.equal(graph.sentMails.length, 0);
        const row = await store.get('endorsement:defi:cand-1:1');
        assert.equal(row?.state, 'skipped');
        assert.equal(row?.reason, FALLBACK_OFF_REASONS[off]);
        assert.deepEqual(row?.payload, { kind: 'text', text: '' });
      });
    }

    it('writes to a person of an organisation not on Teams by e-mail only', async () => {
      const { fallback: email, worker } = fallback();
      const notifier = new OutboxNotifier(
        outbox,
        conversations,
        renderers,
        clock,
        undefined,
        undefined,
        email,
      );

      await notifier.notify(
        'endorsement:defi:cand-2:1',
        { kind: 'user', aadId: ONEM_PERSON.id },
        { kind: 'test.request', data: {} },
      );
      await worker.runOnce();

      assert.equal(await outbox.get('endorsement:defi:cand-2:1'), undefined, 'Teams not tried');
      assert.deepEqual(
        graph.sentMails.map((mail) => mail.to),
        [[ONEM_PERSON.mail]],
      );
      assert.match(graph.sentMails[0]!.content, /pas encore Microsoft Teams/);
      assert.equal((await store.get('endorsement:defi:cand-2:1'))?.cause, 'not-on-teams');
    });

    it('tells the Lab digest who was reached by which route, and who was not with why', async () => {
      const { fallback: email, worker } = fallback();
      await people.record({ aadId: MANAGER.id, name: 'Hugo Martin', email: null }, clock.now());
      await email.afterTeamsUnreachable(await unreachableRow('m:1'), 'unreachable');
      await worker.runOnce();
      const off = fallback('no-sender').fallback;
      await off.afterTeamsUnreachable(await unreachableRow('m:2'), 'unreachable');
      // A message delivered in Teams, to someone else.
      await outbox.enqueue(
        {
          idempotencyKey: 'm:3',
          target: { kind: 'conversation', conversationId: 'a:1other' },
          payload: { kind: 'text', text: 'bonjour' },
          notBefore: clock.now(),
        },
        clock.now(),
      );
      await outbox.markSent('m:3', { activityId: '1', conversationId: 'a:1other' }, clock.now());

      const reach = await new SqlReachSource(database!.db).summariseReach(
        new Date(now - 7 * 24 * 3_600_000),
        10,
      );

      assert.equal(reach.teams, 1);
      assert.equal(reach.email, 1);
      assert.equal(reach.none, 1);
      assert.deepEqual(reach.byEmail.items, [{ name: 'Hugo Martin', cause: 'teams-unreachable' }]);
      assert.deepEqual(reach.unreached.items, [
        { name: 'Hugo Martin', cause: 'teams-unreachable', reason: 'fallback-off' },
      ]);
      const card = JSON.stringify(
        buildDigestCard(
          { t: createTranslator('fr'), language: 'fr' },
          {
            programmeId: 'defi',
            programmeName: 'Défi du Lab',
            phase: 'follow-up',
            today: '2026-11-20',
            sections: [],
            milestones: [],
            emailReach: reach,
          },
        ),
      );
      assert.match(card, /Joindre chacun/);
      assert.match(
        card,
        /Messages de la semaine\u00a0: 1 remis dans Teams, 1 par courriel, 1 à personne/,
      );
      assert.match(card, /par courriel \(Teams a refusé le message\)/);
      assert.match(card, /non joint\u00a0: relais par courriel inactif/);
    });

    it('shows a person their e-mails in their data, and erasing them cancels what is not sent yet', async () => {
      const { fallback: email } = fallback();
      await people.record(
        { aadId: MANAGER.id, name: 'Hugo Martin', email: MANAGER.mail },
        clock.now(),
      );
      await email.afterTeamsUnreachable(await unreachableRow('m:1'), 'unreachable');
      const personal = new SqlPersonalDataStore(database!.db);
      const hugo = await personal.findPerson(MANAGER.mail);
      assert.ok(hugo);

      const snapshot = await personal.collect(hugo);
      assert.deepEqual(
        (snapshot.messages.email_deliveries ?? []).map((row) => [row.key, row.state]),
        [['m:1', 'pending']],
      );
      const pseudonym = toPseudonym('0123456789abcdef0123');
      await personal.erase(hugo, pseudonym, {
        at: clock.now(),
        actor: 'admin',
        action: 'personalData.erasure',
        programmeId: '',
        subjectId: pseudonym.aadId,
        details: {},
      });

      const row = await store.get('m:1');
      assert.equal(row?.state, 'failed');
      assert.equal(row?.reason, 'cancelled: person erased');
      assert.deepEqual(row?.payload, { kind: 'text', text: '' });
      assert.equal(row?.recipientAadId, pseudonym.aadId);
    });

    it('e-mails someone the bot cannot reach in Teams at all, and still says why when nobody knows their address', async () => {
      const { fallback: email, worker } = fallback();
      const notifier = new OutboxNotifier(
        outbox,
        conversations,
        renderers,
        clock,
        undefined,
        undefined,
        email,
      );
      // The people directory knows this address from Teams; Entra knows nobody of that id.
      await people.record(
        { aadId: 'aa11bb22-0000-4000-8000-000000000001', name: 'Inès', email: 'ines@cpam.fr' },
        clock.now(),
      );

      await notifier.notify(
        'k:known',
        { kind: 'user', aadId: 'aa11bb22-0000-4000-8000-000000000001' },
        { kind: 'test.request', data: {} },
      );
      await assert.rejects(
        notifier.notify(
          'k:unknown',
          { kind: 'user', aadId: 'ffffffff-0000-4000-8000-000000000002' },
          { kind: 'test.request', data: {} },
        ),
        UndeliverableNoticeError,
      );
      await worker.runOnce();

      assert.deepEqual(
        graph.sentMails.map((mail) => mail.to),
        [['ines@cpam.fr']],
      );
      const known = await store.get('k:known');
      assert.equal(known?.cause, 'no-teams-route');
      assert.match(known?.teamsReason ?? '', /installed in no team/);
      const unknown = await store.get('k:unknown');
      assert.equal(unknown?.state, 'skipped');
      assert.equal(unknown?.reason, NO_ADDRESS_REASON);
    });
  });
}
