import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import type { DatabaseHandle } from '../../src/adapters/sql/open-database';
import { SqlConversationStore } from '../../src/adapters/sql/sql-conversation-store';
import { SqlOutboxStore } from '../../src/adapters/sql/sql-outbox-store';
import { SqlReachLog, deriveReachLogKey } from '../../src/adapters/sql/sql-reach-log';
import { renderCard } from '../../src/adapters/teams/cards/render-card';
import type { NoticeRenderers } from '../../src/adapters/teams/notices/notice-renderer';
import { OutboxNotifier } from '../../src/adapters/teams/notices/outbox-notifier';
import type { ConversationRecord } from '../../src/core/conversations/conversation';
import type { PersonalChatOutcome } from '../../src/core/ports/personal-chat-opener';
import { testDatabases } from './test-databases';

const NOW = new Date('2026-11-20T08:00:00.000Z');
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
/** The bot's signing secret (EXPORT_SIGNING_KEY), as a test gives it. */
const SECRET = 'test-signing-secret-of-at-least-32-characters';
const KEY = deriveReachLogKey(SECRET);

const card = renderCard({ type: 'AdaptiveCard', version: '1.5', body: [] }, {});
const renderers: NoticeRenderers = {
  'test.greeting': () => ({ card, summary: 'hello' }),
  'candidacy.endorsementRequest': () => ({ card, summary: 'avis' }),
};

function personal(conversationId: string, userAadId: string): ConversationRecord {
  return {
    conversationId,
    scope: 'personal',
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    tenantId: TENANT,
    teamId: null,
    channelId: null,
    userAadId,
    botId: '28:bot',
    locale: 'fr-FR',
    timezone: 'Europe/Paris',
    installedAt: NOW,
    updatedAt: NOW,
    uninstalledAt: null,
  };
}

for (const target of testDatabases()) {
  describe(`how notices reached people, for the Lab digest (${target.name})`, () => {
    let database: DatabaseHandle | undefined;

    beforeEach(async () => {
      database = await target.open();
    });

    afterEach(async () => {
      await database?.close();
      database = undefined;
    });

    it('counts each notice once by route, and the unreachable by reason with the managers apart', async () => {
      const db = database!.db;
      const conversations = new SqlConversationStore(db);
      const reach = new SqlReachLog(db, KEY);
      await conversations.upsert(personal('a:1camille', 'camille'));
      const outcomes: Record<string, PersonalChatOutcome> = {
        hugo: { ok: true, chatId: '19:hugo@unq.gbl.spaces' },
        manager: { ok: false, reason: 'Graph 403', code: 'permission' },
        ghost: { ok: false, reason: 'Graph 404', code: 'not-found' },
      };
      const notifier = new OutboxNotifier(
        new SqlOutboxStore(db),
        conversations,
        renderers,
        { now: () => NOW },
        { openPersonalChat: (aadId) => Promise.resolve(outcomes[aadId]!) },
        reach,
      );
      const send = (key: string, aadId: string, kind = 'test.greeting') =>
        notifier.notify(key, { kind: 'user', aadId }, { kind, data: { programmeId: 'defi-2026' } });

      await send('hello:camille', 'camille');
      await send('hello:camille', 'camille');
      await send('hello:hugo', 'hugo');
      await assert.rejects(send('endorsement:manager', 'manager', 'candidacy.endorsementRequest'));
      await assert.rejects(send('endorsement:manager', 'manager', 'candidacy.endorsementRequest'));
      await assert.rejects(send('hello:ghost', 'ghost'));
      // Another programme's notice, and a notice that names none, are not this programme's.
      await notifier.notify(
        'other',
        { kind: 'user', aadId: 'camille' },
        { kind: 'test.greeting', data: { programmeId: 'defi-2027' } },
      );
      await notifier.notify(
        'none',
        { kind: 'user', aadId: 'camille' },
        { kind: 'test.greeting', data: {} },
      );

      const counts = await reach.count('defi-2026', new Date(NOW.getTime() - 7 * 86_400_000));
      assert.deepEqual(counts, {
        byRoute: { conversation: 1, install: 1, team: 0, unreachable: 2 },
        failures: [
          { failure: 'not-found', count: 1, endorsements: 0 },
          { failure: 'permission', count: 1, endorsements: 1 },
        ],
      });
      // Nothing in the log says who.
      const rows = await db.selectFrom('reach_log').selectAll().execute();
      const text = JSON.stringify(rows);
      for (const who of ['camille', 'hugo', 'manager', 'ghost'])
        assert.ok(!text.includes(who), who);
      assert.deepEqual(
        (await reach.count('defi-2026', new Date(NOW.getTime() + 1))).byRoute,
        { conversation: 0, install: 0, team: 0, unreachable: 0 },
        'only the period asked for',
      );
    });

    it('keys each row by an HMAC of the notice key with a key of its own, never a plain SHA-256', async () => {
      const db = database!.db;
      const reach = new SqlReachLog(db, KEY);
      const key = 'endorsement:defi-2026:cand-42:1763625600000';
      const entry = {
        key,
        programmeId: 'defi-2026',
        noticeKind: 'candidacy.endorsementRequest',
        route: 'install' as const,
        failure: null,
        at: NOW,
      };
      await reach.record(entry);
      await reach.record({ ...entry, at: new Date(NOW.getTime() + 60_000) });

      const rows = await db.selectFrom('reach_log').select(['key_digest', 'at']).execute();
      assert.equal(rows.length, 1, 'the same notice is counted once');
      const stored = rows[0]!.key_digest;
      assert.notEqual(stored, createHash('sha256').update(key).digest('hex'));
      // Neither the secret itself nor the bare secret used as the HMAC key makes it.
      assert.notEqual(stored, createHmac('sha256', SECRET).update(key).digest('hex'));
      assert.equal(stored, createHmac('sha256', KEY).update(key).digest('hex'));
      assert.match(stored, /^[0-9a-f]{64}$/);
      assert.equal((await reach.count('defi-2026', NOW)).byRoute.install, 1);

      // Another secret gives another digest: the rows say nothing to whoever lacks it.
      const other = new SqlReachLog(db, deriveReachLogKey(`${SECRET}-other`));
      await other.record(entry);
      assert.equal((await db.selectFrom('reach_log').select('key_digest').execute()).length, 2);
    });

    it('still counts the rows written before with a plain SHA-256, next to the new ones', async () => {
      const db = database!.db;
      await db
        .insertInto('reach_log')
        .values({
          key_digest: createHash('sha256').update('hello:old').digest('hex'),
          programme_id: 'defi-2026',
          notice_kind: 'test.greeting',
          route: 'conversation',
          failure: null,
          at: NOW.toISOString(),
        })
        .execute();
      const reach = new SqlReachLog(db, KEY);
      await reach.record({
        key: 'hello:new',
        programmeId: 'defi-2026',
        noticeKind: 'test.greeting',
        route: 'conversation',
        failure: null,
        at: NOW,
      });
      assert.equal((await reach.count('defi-2026', NOW)).byRoute.conversation, 2);
    });
  });
}
