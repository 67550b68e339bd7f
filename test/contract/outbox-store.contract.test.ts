import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { openDatabase, type DatabaseHandle } from '../../src/adapters/sql/open-database';
import { SqlOutboxStore } from '../../src/adapters/sql/sql-outbox-store';
import type { OutboxMessage } from '../../src/core/ports/outbox-store';
import { testDatabaseUrl, testDatabases } from './test-databases';

const T0 = new Date('2026-10-01T07:30:00.000Z');
const at = (seconds: number): Date => new Date(T0.getTime() + seconds * 1_000);
const LEASE_MS = 60_000;

function message(key: string, overrides: Partial<OutboxMessage> = {}): OutboxMessage {
  return {
    idempotencyKey: key,
    target: { kind: 'conversation', conversationId: `19:${key}@thread.v2` },
    payload: { kind: 'text', text: 'Bonjour' },
    notBefore: T0,
    ...overrides,
  };
}

for (const target of testDatabases()) {
  describe(`outbox store (${target.name})`, () => {
    let database: DatabaseHandle | undefined;
    let store: SqlOutboxStore;

    beforeEach(async () => {
      database = await target.open();
      store = new SqlOutboxStore(database.db);
    });

    afterEach(async () => {
      await database?.close();
      database = undefined;
    });

    it('queues a message once: the same key again changes nothing', async () => {
      const card = {
        type: 'AdaptiveCard',
        version: '1.5',
        body: [{ type: 'TextBlock', text: 'Point mensuel' }],
      };
      const first = message('checkin:2026-10:team-7:lead', {
        target: {
          kind: 'user',
          userAadId: 'aad-1',
          tenantId: 'tenant-a',
          teamId: '19:team@thread.tacv2',
        },
        payload: { kind: 'card', card, summary: 'Point mensuel' },
        batchId: 'checkin:2026-10',
      });
      assert.equal(await store.enqueue(first, at(-60)), true);
      assert.equal(
        await store.enqueue({ ...first, payload: { kind: 'text', text: 'autre chose' } }, at(-30)),
        false,
      );
      const row = await store.get('checkin:2026-10:team-7:lead');
      assert.deepEqual(row?.payload, { kind: 'card', card, summary: 'Point mensuel' });
      assert.deepEqual(row?.target, first.target);
      assert.equal(row?.state, 'pending');
      assert.equal(row?.batchId, 'checkin:2026-10');
      assert.equal(row?.attempts, 0);
      assert.deepEqual(row?.createdAt, at(-60));
    });

    it('queues many messages at once and counts only the new ones', async () => {
      await store.enqueue(message('a'), T0);
      const messages = Array.from({ length: 250 }, (_, i) => message(`bulk-${i}`));
      assert.equal(await store.enqueueMany([message('a'), ...messages, messages[0]!], T0), 250);
      assert.deepEqual(await store.countByState(), {
        pending: 251,
        sent: 0,
        failed: 0,
        unreachable: 0,
      });
    });

    it('claims only messages whose not-before time has come, oldest first', async () => {
      await store.enqueue(message('later', { notBefore: at(60) }), T0);
      await store.enqueue(message('second', { notBefore: at(-10) }), T0);
      await store.enqueue(message('first', { notBefore: at(-20) }), T0);
      const claimed = await store.claimDue(T0, 10, 'worker-a', LEASE_MS);
      assert.deepEqual(
        claimed.map((row) => row.idempotencyKey),
        ['first', 'second'],
      );
      assert.equal(claimed[0]?.leaseOwner, 'worker-a');
      assert.deepEqual(claimed[0]?.leaseUntil, at(60));
    });

    it('gives a retried message its place in line back once its backoff ends', async () => {
      await store.enqueue(message('early', { notBefore: at(-20) }), T0);
      await store.enqueue(message('late', { notBefore: at(-10) }), T0);
      await store.claimDue(T0, 1, 'worker-a', LEASE_MS);
      await store.markRetry('early', 'worker-a', at(5), '503 ServiceUnavailable', 'failure');
      assert.deepEqual(
        (await store.claimDue(at(1), 1, 'worker-a', LEASE_MS)).map((row) => row.idempotencyKey),
        ['late'],
      );
      await store.release('late', 'worker-a', at(1));
      // Both due: the retry goes first, not behind the message first due after it.
      assert.deepEqual(
        (await store.claimDue(at(6), 1, 'worker-b', LEASE_MS)).map((row) => row.idempotencyKey),
        ['early'],
      );
    });

    it('claims at most the limit', async () => {
      await store.enqueueMany(
        Array.from({ length: 5 }, (_, i) => message(`m-${i}`)),
        T0,
      );
      assert.equal((await store.claimDue(T0, 3, 'worker-a', LEASE_MS)).length, 3);
      assert.equal((await store.claimDue(T0, 3, 'worker-b', LEASE_MS)).length, 2);
    });

    it('does not hand out a leased message again until its lease runs out', async () => {
      await store.enqueue(message('m'), T0);
      await store.claimDue(T0, 10, 'worker-a', LEASE_MS);
      assert.deepEqual(await store.claimDue(at(30), 10, 'worker-b', LEASE_MS), []);
      const reclaimed = await store.claimDue(at(61), 10, 'worker-b', LEASE_MS);
      assert.equal(reclaimed[0]?.leaseOwner, 'worker-b');
    });

    it('records a delivery with the Teams activity id and never claims it again', async () => {
      await store.enqueue(message('m'), T0);
      await store.claimDue(T0, 10, 'worker-a', LEASE_MS);
      assert.equal(
        await store.markSent('m', { activityId: '1700000000001', conversationId: 'a:1' }, at(1)),
        true,
      );
      const row = await store.get('m');
      assert.equal(row?.state, 'sent');
      assert.equal(row?.activityId, '1700000000001');
      assert.equal(row?.conversationId, 'a:1');
      assert.deepEqual(row?.completedAt, at(1));
      assert.equal(row?.leaseOwner, null);
      assert.deepEqual(await store.claimDue(at(3_600), 10, 'worker-a', LEASE_MS), []);
      assert.equal(
        await store.markSent('m', { activityId: 'other', conversationId: 'a:1' }, at(2)),
        false,
      );
      assert.equal((await store.get('m'))?.activityId, '1700000000001');
    });

    it('records a delivery even when the lease was taken over meanwhile', async () => {
      await store.enqueue(message('m'), T0);
      await store.claimDue(T0, 10, 'slow-worker', LEASE_MS);
      await store.claimDue(at(61), 10, 'worker-b', LEASE_MS);
      assert.equal(
        await store.markSent('m', { activityId: 'late', conversationId: 'c' }, at(62)),
        true,
      );
      assert.equal(await store.markFailed('m', 'worker-b', 'too late', at(63)), false);
      assert.equal((await store.get('m'))?.state, 'sent');
    });

    it('schedules a retry, counting failures and throttles apart', async () => {
      await store.enqueue(message('m'), T0);
      await store.claimDue(T0, 10, 'worker-a', LEASE_MS);
      assert.equal(
        await store.markRetry('m', 'worker-a', at(5), '503 ServiceUnavailable', 'failure'),
        true,
      );
      assert.deepEqual(await store.claimDue(at(4), 10, 'worker-a', LEASE_MS), []);
      await store.claimDue(at(5), 10, 'worker-a', LEASE_MS);
      assert.equal(await store.markRetry('m', 'worker-a', at(7), '429', 'throttle'), true);
      const row = await store.get('m');
      assert.equal(row?.attempts, 1);
      assert.equal(row?.throttles, 1);
      assert.equal(row?.lastError, '429');
      assert.deepEqual(row?.nextAttemptAt, at(7));
      assert.equal(row?.leaseOwner, null);
    });

    it('ignores a retry or a verdict from an owner whose lease was taken over', async () => {
      await store.enqueue(message('m'), T0);
      await store.claimDue(T0, 10, 'worker-a', LEASE_MS);
      await store.claimDue(at(61), 10, 'worker-b', LEASE_MS);
      assert.equal(await store.markRetry('m', 'worker-a', at(70), 'late', 'failure'), false);
      assert.equal(await store.markUnreachable('m', 'worker-a', '403', at(70)), false);
      assert.equal(await store.release('m', 'worker-a', at(70)), false);
      const row = await store.get('m');
      assert.equal(row?.leaseOwner, 'worker-b');
      assert.equal(row?.attempts, 0);
    });

    it('releases a claim without counting a try', async () => {
      await store.enqueue(message('m'), T0);
      await store.claimDue(T0, 10, 'worker-a', LEASE_MS);
      assert.equal(await store.release('m', 'worker-a', at(2)), true);
      const [row] = await store.claimDue(at(2), 10, 'worker-b', LEASE_MS);
      assert.equal(row?.attempts, 0);
      assert.equal(row?.throttles, 0);
    });

    it('keeps failed and unreachable messages out of later claims, and lists the unreachable ones', async () => {
      await store.enqueueMany([message('gone'), message('blocked'), message('broken')], T0);
      await store.claimDue(T0, 10, 'worker-a', LEASE_MS);
      await store.markUnreachable('gone', 'worker-a', '404 ConversationNotFound', at(1));
      await store.markUnreachable('blocked', 'worker-a', '403 MessageWritesBlocked', at(2));
      await store.markFailed('broken', 'worker-a', '400 BadArgument', at(3));
      assert.deepEqual(await store.claimDue(at(3_600), 10, 'worker-a', LEASE_MS), []);
      const unreachable = await store.listUnreachable(10);
      assert.deepEqual(
        unreachable.map((row) => [row.idempotencyKey, row.lastError]),
        [
          ['blocked', '403 MessageWritesBlocked'],
          ['gone', '404 ConversationNotFound'],
        ],
      );
      assert.deepEqual(await store.countByState(), {
        pending: 0,
        sent: 0,
        failed: 1,
        unreachable: 2,
      });
    });

    it('counts the messages of one bulk send apart from the others', async () => {
      await store.enqueueMany(
        [message('b1', { batchId: 'bulk' }), message('b2', { batchId: 'bulk' }), message('solo')],
        T0,
      );
      await store.claimDue(T0, 10, 'worker-a', LEASE_MS);
      await store.markSent('b1', { activityId: '1', conversationId: 'c' }, at(1));
      assert.deepEqual(await store.countByState('bulk'), {
        pending: 1,
        sent: 1,
        failed: 0,
        unreachable: 0,
      });
      assert.deepEqual(await store.countByState('none'), {
        pending: 0,
        sent: 0,
        failed: 0,
        unreachable: 0,
      });
    });

    it('never gives the same message to two concurrent claimers', async () => {
      const count = 400;
      await store.enqueueMany(
        Array.from({ length: count }, (_, i) => message(`m-${i}`)),
        T0,
      );
      const claims = await Promise.all(
        Array.from({ length: 8 }, (_, worker) =>
          (async () => {
            const mine: string[] = [];
            for (;;) {
              const batch = await store.claimDue(T0, 7, `worker-${worker}`, LEASE_MS);
              if (batch.length === 0) return mine;
              mine.push(...batch.map((row) => row.idempotencyKey));
            }
          })(),
        ),
      );
      const all = claims.flat();
      assert.equal(all.length, count);
      assert.equal(new Set(all).size, count);
    });

    it("keeps a conversation's messages with the owner that holds one of them", async () => {
      const chat = { kind: 'conversation' as const, conversationId: 'a:same-chat' };
      await store.enqueueMany(
        [message('first', { target: chat }), message('second', { target: chat }), message('other')],
        T0,
      );
      const a = await store.claimDue(T0, 1, 'worker-a', LEASE_MS);
      assert.deepEqual(
        a.map((row) => row.idempotencyKey),
        ['first'],
      );
      // worker-b gets the other conversation's message, not the chat worker-a is sending to.
      assert.deepEqual(
        (await store.claimDue(at(1), 10, 'worker-b', LEASE_MS)).map((row) => row.idempotencyKey),
        ['other'],
      );
      assert.deepEqual(
        (await store.claimDue(at(1), 10, 'worker-a', LEASE_MS)).map((row) => row.idempotencyKey),
        ['second'],
      );
      await store.release('second', 'worker-a', at(2));
      assert.deepEqual(await store.claimDue(at(2), 10, 'worker-b', LEASE_MS), []);
      // Once worker-a holds nothing there (sent, or its lease ran out), anyone may take the chat.
      await store.markSent('first', { activityId: '1', conversationId: 'a:same-chat' }, at(3));
      assert.deepEqual(
        (await store.claimDue(at(3), 10, 'worker-b', LEASE_MS)).map((row) => row.idempotencyKey),
        ['second'],
      );
    });

    it('never splits a conversation between concurrent claimers, on their own connections', async () => {
      const other = target.name === 'postgres' ? await openSecondConnection(database!) : undefined;
      try {
        const storeB = other === undefined ? store : new SqlOutboxStore(other.db);
        const conversations = 40;
        const perConversation = 6;
        await store.enqueueMany(
          Array.from({ length: conversations * perConversation }, (_, i) =>
            message(`m-${i}`, {
              target: { kind: 'conversation', conversationId: `a:chat-${i % conversations}` },
            }),
          ),
          T0,
        );
        const drain = async (s: SqlOutboxStore, owner: string) => {
          const mine: Array<[string, string]> = [];
          for (let empty = 0; empty < 3;) {
            const batch = await s.claimDue(T0, 9, owner, LEASE_MS);
            if (batch.length === 0) empty += 1;
            for (const row of batch) mine.push([JSON.stringify(row.target), owner]);
          }
          return mine;
        };
        const claims = (
          await Promise.all([
            drain(store, 'a1'),
            drain(storeB, 'b1'),
            drain(store, 'a2'),
            drain(storeB, 'b2'),
          ])
        ).flat();
        assert.equal(claims.length, conversations * perConversation);
        const owners = new Map<string, Set<string>>();
        for (const [chat, owner] of claims)
          owners.set(chat, (owners.get(chat) ?? new Set()).add(owner));
        const split = [...owners].filter(([, set]) => set.size > 1);
        assert.deepEqual(split, [], 'conversations claimed by two owners');
        assert.ok(new Set(claims.map(([, owner]) => owner)).size > 1, 'only one claimer worked');
      } finally {
        await other?.close();
      }
    });

    if (target.name === 'postgres') {
      it('lets two instances with their own connections claim disjoint rows (SKIP LOCKED)', async () => {
        // A second pool, as a second bot process would have.
        const other = await openSecondConnection(database!);
        try {
          const storeB = new SqlOutboxStore(other.db);
          const count = 600;
          await store.enqueueMany(
            Array.from({ length: count }, (_, i) => message(`m-${i}`)),
            T0,
          );
          const drain = async (s: SqlOutboxStore, owner: string) => {
            const mine: string[] = [];
            for (;;) {
              const batch = await s.claimDue(T0, 25, owner, LEASE_MS);
              if (batch.length === 0) return mine;
              mine.push(...batch.map((row) => row.idempotencyKey));
            }
          };
          const [a, b, c, d] = await Promise.all([
            drain(store, 'a1'),
            drain(storeB, 'b1'),
            drain(store, 'a2'),
            drain(storeB, 'b2'),
          ]);
          const all = [...a, ...b, ...c, ...d];
          assert.equal(all.length, count);
          assert.equal(new Set(all).size, count);
          assert.ok(b.length + d.length > 0, 'the second instance claimed nothing');
        } finally {
          await other.close();
        }
      });
    }
  });
}

/** Opens another connection pool on the same PostgreSQL schema as `handle`. */
async function openSecondConnection(handle: DatabaseHandle): Promise<DatabaseHandle> {
  const result = await sql<{ schema: string }>`select current_schema() as schema`.execute(
    handle.db,
  );
  const schema = result.rows[0]?.schema;
  return openDatabase({ databaseUrl: testDatabaseUrl(), sqlitePath: '', schema });
}
