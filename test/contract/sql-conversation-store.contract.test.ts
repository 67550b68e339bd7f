import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { DatabaseHandle } from '../../src/adapters/sql/open-database';
import { SqlConversationStore } from '../../src/adapters/sql/sql-conversation-store';
import type { ConversationRecord } from '../../src/core/conversations/conversation';
import { testDatabases } from './test-databases';

const TEAM = '19:R7xW3kq8HnJd2VbYt5Lp@thread.tacv2';
const OTHER_TEAM = '19:Qm4ZpT9eWc2sLx8N@thread.tacv2';
const CAMILLE = '6a1f0c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b';

function personal(conversationId: string, overrides: Partial<ConversationRecord> = {}) {
  return {
    conversationId,
    scope: 'personal',
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    teamId: null,
    channelId: null,
    userAadId: CAMILLE,
    botId: '28:2b3c4d5e-6f70-4a81-92a3-b4c5d6e7f809',
    locale: 'fr-FR',
    timezone: 'Europe/Paris',
    installedAt: new Date('2026-11-21T04:43:19.123Z'),
    updatedAt: new Date('2026-11-21T04:43:19.123Z'),
    uninstalledAt: null,
    ...overrides,
  } satisfies ConversationRecord;
}

function channel(
  conversationId: string,
  teamId: string,
  overrides: Partial<ConversationRecord> = {},
) {
  return personal(conversationId, {
    scope: 'channel',
    teamId,
    channelId: conversationId,
    userAadId: null,
    ...overrides,
  });
}

for (const target of testDatabases()) {
  describe(`conversation store (${target.name})`, () => {
    let database: DatabaseHandle | undefined;
    let store: SqlConversationStore;

    beforeEach(async () => {
      database = await target.open();
      store = new SqlConversationStore(database.db);
    });

    afterEach(async () => {
      await database?.close();
      database = undefined;
    });

    it('reads back an upserted conversation field for field', async () => {
      const record = channel(TEAM, TEAM, { locale: null, tenantId: null });
      await store.upsert(record);
      assert.deepEqual(await store.get(TEAM), record);
    });

    it('returns undefined for an unknown conversation', async () => {
      assert.equal(await store.get('a:1unknown'), undefined);
    });

    it('stores timestamps as sortable ISO-8601 UTC text with milliseconds', async () => {
      await store.upsert(personal('a:1camille'));
      const result = await sql<{
        installed_at: string;
      }>`select installed_at from conversations where conversation_id = ${'a:1camille'}`.execute(
        database!.db,
      );
      assert.deepEqual(result.rows, [{ installed_at: '2026-11-21T04:43:19.123Z' }]);
    });

    it('replaces every field when the same conversation is upserted again', async () => {
      await store.upsert(personal('a:1camille'));
      const replacement = personal('a:1camille', {
        serviceUrl: 'https://smba.trafficmanager.net/fr/',
        locale: 'en-GB',
        timezone: 'America/Cayenne',
        installedAt: new Date('2026-12-01T08:00:00.000Z'),
        updatedAt: new Date('2026-12-01T08:00:00.000Z'),
      });
      await store.upsert(replacement);
      assert.deepEqual(await store.get('a:1camille'), replacement);
    });

    it('finds the active personal conversation of a user', async () => {
      await store.upsert(channel(TEAM, TEAM));
      await store.upsert(personal('a:1camille'));
      assert.equal((await store.findPersonal(CAMILLE))?.conversationId, 'a:1camille');
      assert.equal(await store.findPersonal('0b1c2d3e-0000-4000-8000-000000000000'), undefined);
    });

    it('prefers the most recently updated personal conversation of a user', async () => {
      await store.upsert(personal('a:1older', { updatedAt: new Date('2026-10-01T00:00:00.000Z') }));
      await store.upsert(personal('a:1newer', { updatedAt: new Date('2026-11-01T00:00:00.000Z') }));
      assert.equal((await store.findPersonal(CAMILLE))?.conversationId, 'a:1newer');
    });

    it('lists active conversations by conversation id, byte order on both dialects', async () => {
      await store.upsert(personal('a:1alpha'));
      await store.upsert(personal('a:1Zeta'));
      await store.upsert(channel(TEAM, TEAM));
      await store.upsert(
        channel('19:uninstalled@thread.tacv2', TEAM, { uninstalledAt: new Date() }),
      );
      const ids = (await store.listActive()).map((record) => record.conversationId);
      assert.deepEqual(ids, [TEAM, 'a:1Zeta', 'a:1alpha']);
    });

    it('keeps one record per channel, whatever the thread a message comes from', async () => {
      await store.upsert(channel(TEAM, TEAM));
      await store.upsert(channel(`${TEAM};messageid=1732170000001`, TEAM));
      assert.deepEqual(
        (await store.listActive()).map((record) => record.conversationId),
        [TEAM],
      );
      assert.equal((await store.get(`${TEAM};messageid=42`))?.conversationId, TEAM);
    });

    it('refreshes locale, time zone and service URL and leaves the rest alone', async () => {
      const record = personal('a:1camille');
      await store.upsert(record);
      const at = new Date('2026-11-22T09:30:00.000Z');
      await store.refresh(
        'a:1camille',
        { locale: 'en-US', timezone: 'Europe/Brussels', serviceUrl: 'https://smba.example/be/' },
        at,
      );
      assert.deepEqual(await store.get('a:1camille'), {
        ...record,
        locale: 'en-US',
        timezone: 'Europe/Brussels',
        serviceUrl: 'https://smba.example/be/',
        updatedAt: at,
      });
    });

    it('ignores a refresh of an unknown conversation', async () => {
      await store.refresh(
        'a:1ghost',
        { locale: 'fr-FR', timezone: null, serviceUrl: 'x' },
        new Date(),
      );
      assert.equal(await store.get('a:1ghost'), undefined);
      assert.deepEqual(await store.listActive(), []);
    });

    it('marks one conversation uninstalled and stops offering it', async () => {
      await store.upsert(personal('a:1camille'));
      await store.upsert(channel(TEAM, TEAM));
      const at = new Date('2026-11-21T07:59:00.000Z');
      await store.markUninstalled('a:1camille', at);
      const stored = await store.get('a:1camille');
      assert.equal(stored?.uninstalledAt?.toISOString(), '2026-11-21T07:59:00.000Z');
      assert.equal(await store.findPersonal(CAMILLE), undefined);
      assert.deepEqual(
        (await store.listActive()).map((record) => record.conversationId),
        [TEAM],
      );
      // She removed the bot: it must not install itself for her again.
      assert.equal(await store.removedByUser(CAMILLE), true);
      assert.equal(await store.removedByUser('0b1c2d3e-0000-4000-8000-000000000000'), false);
      await store.upsert(personal('a:1camille-again'));
      assert.equal(await store.removedByUser(CAMILLE), false);
    });

    it('keeps the first removal time when the removal event arrives twice', async () => {
      await store.upsert(personal('a:1camille'));
      await store.markUninstalled('a:1camille', new Date('2026-11-21T07:59:00.000Z'));
      await store.markUninstalled('a:1camille', new Date('2026-11-21T08:05:00.000Z'));
      const stored = await store.get('a:1camille');
      assert.equal(stored?.uninstalledAt?.toISOString(), '2026-11-21T07:59:00.000Z');
    });

    it('marks every channel of a removed team uninstalled, and only those', async () => {
      await store.upsert(channel(TEAM, TEAM));
      await store.upsert(channel('19:general-2@thread.tacv2', TEAM));
      await store.upsert(channel(OTHER_TEAM, OTHER_TEAM));
      await store.upsert(personal('a:1camille'));
      const at = new Date('2026-11-21T10:00:00.000Z');
      await store.markTeamUninstalled(TEAM, at);
      assert.equal((await store.get(TEAM))?.uninstalledAt?.toISOString(), at.toISOString());
      assert.equal(
        (await store.get('19:general-2@thread.tacv2'))?.uninstalledAt?.toISOString(),
        at.toISOString(),
      );
      assert.deepEqual(
        (await store.listActive()).map((record) => record.conversationId),
        [OTHER_TEAM, 'a:1camille'],
      );
    });

    it('makes a reinstalled conversation active again', async () => {
      await store.upsert(personal('a:1camille'));
      await store.markUninstalled('a:1camille', new Date('2026-11-21T07:59:00.000Z'));
      const reinstalled = personal('a:1camille', {
        installedAt: new Date('2026-11-23T08:00:00.000Z'),
        updatedAt: new Date('2026-11-23T08:00:00.000Z'),
      });
      await store.upsert(reinstalled);
      assert.deepEqual(await store.get('a:1camille'), reinstalled);
      assert.equal((await store.findPersonal(CAMILLE))?.conversationId, 'a:1camille');
    });

    it('records a user context and replaces it on the next turn', async () => {
      await store.recordUserContext({
        aadId: CAMILLE,
        locale: 'fr-FR',
        timezone: 'America/Cayenne',
        seenAt: new Date('2026-11-21T04:43:19.000Z'),
      });
      const latest = {
        aadId: CAMILLE,
        locale: null,
        timezone: 'Europe/Paris',
        seenAt: new Date('2026-11-22T12:00:00.500Z'),
      };
      await store.recordUserContext(latest);
      assert.deepEqual(await store.getUserContext(CAMILLE), latest);
    });

    it('returns undefined for a user never seen', async () => {
      assert.equal(await store.getUserContext(CAMILLE), undefined);
    });

    it('lists the contexts of the people asked for, whatever the length of the list', async () => {
      const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
      const zones = ['Europe/Paris', 'America/Cayenne', 'Indian/Reunion'];
      for (let n = 1; n <= 80; n += 1) {
        await store.recordUserContext({
          aadId: id(n),
          locale: n % 2 === 0 ? 'en-GB' : 'fr-FR',
          timezone: zones[n % zones.length]!,
          seenAt: new Date('2026-12-01T08:00:00.000Z'),
        });
      }
      const zonesOf = async (ids: string[]) =>
        new Map(
          (await store.listUserContexts(ids)).map((context) => [context.aadId, context.timezone]),
        );
      // Short lists are compiled once per length and run again with other ids: each run its own.
      for (const ids of [
        [id(1), id(2), id(3)],
        [id(4), id(5), id(6)],
        [id(7), 'never-seen', id(9)],
        [id(10)],
      ]) {
        const found = await zonesOf(ids);
        assert.deepEqual(
          [...found.keys()].sort(),
          ids.filter((aadId) => aadId !== 'never-seen').sort(),
        );
        for (const [aadId, zone] of found) {
          assert.equal(zone, zones[Number(aadId.slice(-12)) % zones.length]);
        }
      }
      // A list longer than the ones compiled once.
      const all = Array.from({ length: 80 }, (_, i) => id(i + 1));
      assert.equal((await zonesOf([...all, 'never-seen'])).size, 80);
      assert.deepEqual(await store.listUserContexts([]), []);
    });
  });
}
