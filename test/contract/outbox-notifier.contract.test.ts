import assert from 'node:assert/strict';
import type { DatabaseHandle } from '../../src/adapters/sql/open-database';
import { SqlConversationStore } from '../../src/adapters/sql/sql-conversation-store';
import { SqlOutboxStore } from '../../src/adapters/sql/sql-outbox-store';
import { renderCard } from '../../src/adapters/teams/cards/render-card';
import type { NoticeRenderers } from '../../src/adapters/teams/notices/notice-renderer';
import {
  OutboxNotifier,
  UndeliverableNoticeError,
} from '../../src/adapters/teams/notices/outbox-notifier';
import type { ConversationRecord } from '../../src/core/conversations/conversation';
import type {
  PersonalChatOpener,
  PersonalChatOutcome,
} from '../../src/core/ports/personal-chat-opener';
import { testDatabases } from './test-databases';

const NOW = new Date('2026-11-20T08:00:00.000Z');
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const TEAM = '19:R7xW3kq8HnJd2VbYt5Lp@thread.tacv2';

const renderers: NoticeRenderers = {
  'test.greeting': (notice, { t, language }) => ({
    card: renderCard(
      { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: '${text}' }] },
      { text: `${language}:${t('help.title')}:${String(notice.data.name)}` },
    ),
    summary: `summary-${language}`,
  }),
};

function conversation(overrides: Partial<ConversationRecord>): ConversationRecord {
  return {
    conversationId: 'a:1personal',
    scope: 'personal',
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    tenantId: TENANT,
    teamId: null,
    channelId: null,
    userAadId: null,
    botId: '28:bot',
    locale: 'fr-FR',
    timezone: 'Europe/Paris',
    installedAt: NOW,
    updatedAt: NOW,
    uninstalledAt: null,
    ...overrides,
  };
}

for (const target of testDatabases()) {
  describe(`outbox notifier (${target.name})`, () => {
    let database: DatabaseHandle | undefined;
    let outbox: SqlOutboxStore;
    let conversations: SqlConversationStore;
    let notifier: OutboxNotifier;

    beforeEach(async () => {
      database = await target.open();
      outbox = new SqlOutboxStore(database.db);
      conversations = new SqlConversationStore(database.db);
      notifier = new OutboxNotifier(outbox, conversations, renderers, { now: () => NOW });
    });

    afterEach(async () => {
      await database?.close();
      database = undefined;
    });

    it('queues a card for the personal chat, in the language the person last wrote in', async () => {
      await conversations.upsert(
        conversation({ conversationId: 'a:1camille', userAadId: 'camille' }),
      );
      await conversations.recordUserContext({
        aadId: 'camille',
        locale: 'en-GB',
        timezone: 'Europe/Brussels',
        seenAt: NOW,
      });
      await notifier.notify(
        'greeting:camille',
        { kind: 'user', aadId: 'camille' },
        { kind: 'test.greeting', data: { name: 'Camille' } },
      );
      const row = await outbox.get('greeting:camille');
      assert.deepEqual(row?.target, { kind: 'conversation', conversationId: 'a:1camille' });
      assert.equal(row?.payload.kind, 'card');
      assert.match(
        JSON.stringify(row?.payload),
        /en:Lab Innovation: what I can do for you:Camille/,
      );
      assert.equal(row?.notBefore.toISOString(), NOW.toISOString());
    });

    it('reaches someone without a personal chat through a team where the bot is installed', async () => {
      await conversations.upsert(
        conversation({ conversationId: TEAM, scope: 'channel', teamId: TEAM, channelId: TEAM }),
      );
      const later = new Date('2026-12-01T08:30:00.000Z');
      await notifier.notify(
        'greeting:nadia',
        { kind: 'user', aadId: 'nadia' },
        { kind: 'test.greeting', data: { name: 'Nadia' } },
        later,
      );
      const row = await outbox.get('greeting:nadia');
      assert.deepEqual(row?.target, {
        kind: 'user',
        userAadId: 'nadia',
        tenantId: TENANT,
        teamId: TEAM,
      });
      assert.match(
        JSON.stringify(row?.payload),
        /fr:Lab Innovation\u00a0: ce que je peux faire pour vous:Nadia/,
      );
      assert.equal(row?.notBefore.toISOString(), later.toISOString());
    });

    it('queues a notice once however often it is sent', async () => {
      await conversations.upsert(
        conversation({ conversationId: 'a:1camille', userAadId: 'camille' }),
      );
      for (let i = 0; i < 3; i += 1) {
        await notifier.notify(
          'greeting:camille',
          { kind: 'user', aadId: 'camille' },
          { kind: 'test.greeting', data: { name: `Camille ${i}` } },
        );
      }
      const counts = await outbox.countByState();
      assert.equal(counts.pending, 1);
      assert.match(JSON.stringify((await outbox.get('greeting:camille'))?.payload), /Camille 0/);
    });

    it('says why a notice cannot be delivered rather than losing it silently', async () => {
      await assert.rejects(
        notifier.notify(
          'greeting:x',
          { kind: 'user', aadId: 'x' },
          { kind: 'test.greeting', data: {} },
        ),
        UndeliverableNoticeError,
      );
      await assert.rejects(
        notifier.notify(
          'unknown:x',
          { kind: 'conversation', conversationId: TEAM },
          { kind: 'nope', data: {} },
        ),
        /No card for notices of kind "nope"/,
      );
    });

    describe('with the bot installed for people it has no chat with (Graph)', () => {
      let opened: string[];
      let answer: PersonalChatOutcome;
      let quick: (boolean | undefined)[];
      const opener: PersonalChatOpener = {
        openPersonalChat: (aadId, options) => {
          opened.push(aadId);
          quick.push(options?.quick);
          return Promise.resolve(answer);
        },
      };

      beforeEach(async () => {
        opened = [];
        quick = [];
        answer = { ok: true, chatId: '19:manager_bot@unq.gbl.spaces' };
        notifier = new OutboxNotifier(outbox, conversations, renderers, { now: () => NOW }, opener);
        // The candidate's chat: where the bot takes its service URL and id from.
        await conversations.upsert(
          conversation({ conversationId: 'a:1camille', userAadId: 'camille' }),
        );
      });

      it('installs once, records the personal chat and queues the card there', async () => {
        for (const n of [1, 2]) {
          await notifier.notify(
            `greeting:manager:${n}`,
            { kind: 'user', aadId: 'manager' },
            { kind: 'test.greeting', data: { name: 'Hugo' } },
          );
        }

        assert.deepEqual(opened, ['manager']);
        const personal = await conversations.findPersonal('manager');
        assert.equal(personal?.conversationId, '19:manager_bot@unq.gbl.spaces');
        assert.equal(personal?.serviceUrl, 'https://smba.trafficmanager.net/emea/');
        assert.equal(personal?.botId, '28:bot');
        assert.deepEqual((await outbox.get('greeting:manager:2'))?.target, {
          kind: 'conversation',
          conversationId: '19:manager_bot@unq.gbl.spaces',
        });
      });

      it('says why when the installation fails and no team can open a chat', async () => {
        answer = { ok: false, reason: 'user not found in Microsoft Entra' };
        await assert.rejects(
          notifier.notify(
            'greeting:ghost',
            { kind: 'user', aadId: 'ghost' },
            { kind: 'test.greeting', data: {} },
          ),
          (error: unknown) =>
            error instanceof UndeliverableNoticeError &&
            /user not found in Microsoft Entra/.test(error.message),
        );
        assert.equal(await conversations.findPersonal('ghost'), undefined);
        assert.equal((await outbox.countByState()).pending, 0);
      });

      it('queues the card for a later installation when Graph is throttled, sent no other way meanwhile', async () => {
        // The bot is in a team too: a 1:1 through it would be another way, not taken.
        await conversations.upsert(
          conversation({
            conversationId: '19:general@thread.tacv2',
            scope: 'channel',
            teamId: '19:general@thread.tacv2',
            channelId: '19:general@thread.tacv2',
            userAadId: null,
          }),
        );
        answer = {
          ok: false,
          reason: 'Graph POST answered 429: TooManyRequests',
          code: 'error',
          transient: true,
        };
        await notifier.notify(
          'greeting:busy',
          { kind: 'user', aadId: 'busy' },
          { kind: 'test.greeting', data: { name: 'Hugo' } },
        );

        assert.deepEqual(opened, ['busy']);
        // A quick try: whoever's turn queued the notice does not wait for Graph's Retry-After.
        assert.deepEqual(quick, [true]);
        const row = await outbox.get('greeting:busy');
        assert.deepEqual(row?.target, { kind: 'install', userAadId: 'busy' });
        assert.equal(row?.state, 'pending');
        assert.equal(await conversations.findPersonal('busy'), undefined);
      });

      it('does not queue for later a failure that will not pass (unknown person, refusal)', async () => {
        answer = { ok: false, reason: 'user not found in Microsoft Entra', code: 'not-found' };
        await assert.rejects(
          notifier.notify(
            'greeting:unknown',
            { kind: 'user', aadId: 'unknown' },
            { kind: 'test.greeting', data: {} },
          ),
          UndeliverableNoticeError,
        );
        assert.equal(await outbox.get('greeting:unknown'), undefined);
      });

      it('never installs the bot again for someone who removed it', async () => {
        await conversations.upsert(
          conversation({ conversationId: 'a:1removed', userAadId: 'removed' }),
        );
        await conversations.markUninstalled('a:1removed', NOW);
        await assert.rejects(
          notifier.notify(
            'greeting:removed',
            { kind: 'user', aadId: 'removed' },
            { kind: 'test.greeting', data: {} },
          ),
          /they removed the bot/,
        );
        assert.deepEqual(opened, []);
      });

      it('gives the reason when the installer itself fails (no token)', async () => {
        const failing: PersonalChatOpener = {
          openPersonalChat: () => Promise.reject(new Error('No Graph access token')),
        };
        notifier = new OutboxNotifier(
          outbox,
          conversations,
          renderers,
          { now: () => NOW },
          failing,
        );
        await assert.rejects(
          notifier.notify(
            'greeting:nobody',
            { kind: 'user', aadId: 'nobody' },
            { kind: 'test.greeting', data: {} },
          ),
          (error: unknown) =>
            error instanceof UndeliverableNoticeError &&
            /No Graph access token/.test(error.message),
        );
      });

      it('falls back to a 1:1 chat through a team when the installation fails', async () => {
        answer = { ok: false, reason: 'Graph POST answered 403' };
        await conversations.upsert(
          conversation({
            conversationId: TEAM,
            scope: 'channel',
            teamId: TEAM,
            channelId: TEAM,
          }),
        );
        await notifier.notify(
          'greeting:lead',
          { kind: 'user', aadId: 'lead' },
          { kind: 'test.greeting', data: {} },
        );
        assert.deepEqual((await outbox.get('greeting:lead'))?.target, {
          kind: 'user',
          userAadId: 'lead',
          tenantId: TENANT,
          teamId: TEAM,
        });
      });
    });
  });
}
