import assert from 'node:assert/strict';
import { openDatabase, type DatabaseHandle } from '../../../src/adapters/sql/open-database';
import { SqlConversationStore } from '../../../src/adapters/sql/sql-conversation-store';
import type { ConversationRecord } from '../../../src/core/conversations/conversation';
import { ConnectorError } from '../../../src/delivery/connector-client';
import {
  createTargetResolver,
  INSTALL_PENDING_CODE,
  UnreachableTargetError,
  type InstallPersonalChat,
} from '../../../src/delivery/create-target-resolver';
import { decideRetry } from '../../../src/delivery/decide-retry';

const T0 = new Date('2026-10-01T07:30:00.000Z');

function record(overrides: Partial<ConversationRecord>): ConversationRecord {
  return {
    conversationId: '19:general@thread.tacv2',
    scope: 'channel',
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    tenantId: 'tenant-a',
    teamId: '19:team@thread.tacv2',
    channelId: '19:general@thread.tacv2',
    userAadId: null,
    botId: '28:bot',
    locale: 'fr-FR',
    timezone: 'Europe/Paris',
    installedAt: T0,
    updatedAt: T0,
    uninstalledAt: null,
    ...overrides,
  };
}

describe('createTargetResolver', () => {
  let database: DatabaseHandle;
  let conversations: SqlConversationStore;
  let now = T0.getTime();

  beforeEach(async () => {
    database = await openDatabase({ sqlitePath: ':memory:' });
    conversations = new SqlConversationStore(database.db);
    await conversations.upsert(record({}));
  });

  afterEach(async () => {
    await database.close();
  });

  it('reaches a stored conversation through its service URL and tenant', async () => {
    const resolve = createTargetResolver(conversations, () => now);
    assert.deepEqual(
      await resolve({ kind: 'conversation', conversationId: '19:general@thread.tacv2' }),
      {
        serviceUrl: 'https://smba.trafficmanager.net/emea/',
        tenantId: 'tenant-a',
        conversationId: '19:general@thread.tacv2',
      },
    );
  });

  it('refuses a conversation it does not know or where the bot was removed', async () => {
    const resolve = createTargetResolver(conversations, () => now);
    await assert.rejects(
      resolve({ kind: 'conversation', conversationId: 'unknown' }),
      UnreachableTargetError,
    );
    await conversations.markUninstalled('19:general@thread.tacv2', T0);
    await assert.rejects(
      resolve({ kind: 'conversation', conversationId: '19:general@thread.tacv2' }),
      /uninstalled/,
    );
  });

  it('uses the personal chat of a user who installed the bot', async () => {
    await conversations.upsert(
      record({
        conversationId: 'a:personal',
        scope: 'personal',
        teamId: null,
        channelId: null,
        userAadId: 'aad-1',
      }),
    );
    const resolve = createTargetResolver(conversations, () => now);
    const target = await resolve({
      kind: 'user',
      userAadId: 'aad-1',
      tenantId: 'tenant-a',
      teamId: '19:team@thread.tacv2',
    });
    assert.equal(target.conversationId, 'a:personal');
  });

  it('opens a chat through the team otherwise, with the team’s service URL', async () => {
    const resolve = createTargetResolver(conversations, () => now);
    assert.deepEqual(
      await resolve({
        kind: 'user',
        userAadId: 'aad-2',
        tenantId: 'tenant-a',
        teamId: '19:team@thread.tacv2',
      }),
      {
        serviceUrl: 'https://smba.trafficmanager.net/emea/',
        tenantId: 'tenant-a',
        userAadId: 'aad-2',
      },
    );
  });

  it('refuses a user in a team where the bot is not installed, and finds the team once installed', async () => {
    const resolve = createTargetResolver(conversations, () => now);
    const target = {
      kind: 'user' as const,
      userAadId: 'aad-3',
      tenantId: 'tenant-a',
      teamId: '19:other@thread.tacv2',
    };
    await assert.rejects(resolve(target), /not installed in the team/);
    await conversations.upsert(
      record({ conversationId: '19:other-general', teamId: '19:other@thread.tacv2' }),
    );
    now += 60_000;
    assert.equal((await resolve(target)).userAadId, 'aad-3');
  });

  describe('a person the bot installs itself for (queued while Graph was throttled)', () => {
    const target = { kind: 'install', userAadId: 'manager' } as const;
    let asked: string[];
    const installer =
      (answer: Awaited<ReturnType<InstallPersonalChat>>): InstallPersonalChat =>
      (aadId) => {
        asked.push(aadId);
        return Promise.resolve(answer);
      };

    beforeEach(() => {
      asked = [];
    });

    it('installs, then sends in the chat Graph gave', async () => {
      const resolve = createTargetResolver(
        conversations,
        () => now,
        installer({
          ok: true,
          conversation: {
            conversationId: '19:manager_bot@unq.gbl.spaces',
            serviceUrl: 'https://smba.trafficmanager.net/emea/',
            tenantId: 'tenant-a',
          },
        }),
      );
      assert.deepEqual(await resolve(target), {
        serviceUrl: 'https://smba.trafficmanager.net/emea/',
        tenantId: 'tenant-a',
        conversationId: '19:manager_bot@unq.gbl.spaces',
      });
      assert.deepEqual(asked, ['manager']);
    });

    it('does not install again once the person has a chat (installed meanwhile)', async () => {
      await conversations.upsert(
        record({
          conversationId: 'a:1manager',
          scope: 'personal',
          teamId: null,
          channelId: null,
          userAadId: 'manager',
        }),
      );
      const resolve = createTargetResolver(
        conversations,
        () => now,
        installer({ ok: false, reason: 'x', transient: true }),
      );
      assert.equal((await resolve(target)).conversationId, 'a:1manager');
      assert.deepEqual(asked, []);
    });

    it('fails transiently while Graph is throttled, so the outbox retries it later (never as a 429)', async () => {
      const resolve = createTargetResolver(
        conversations,
        () => now,
        installer({ ok: false, reason: 'Graph POST answered 503', transient: true }),
      );
      const error = await resolve(target).then(
        () => assert.fail('resolved'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof ConnectorError);
      assert.equal(error.status, 503);
      assert.equal(error.code, INSTALL_PENDING_CODE);
      assert.equal(decideRetry(error, { failures: 0, throttles: 0 }, () => 0.5).action, 'retry');
    });

    it('is unreachable when the failure is final, or without an installer', async () => {
      const refused = createTargetResolver(
        conversations,
        () => now,
        installer({ ok: false, reason: 'user not found in Microsoft Entra', transient: false }),
      );
      await assert.rejects(refused(target), (e: unknown) => {
        return (
          e instanceof UnreachableTargetError && /not found in Microsoft Entra/.test(e.message)
        );
      });
      const none = createTargetResolver(conversations, () => now);
      await assert.rejects(none(target), UnreachableTargetError);
    });
  });
});
