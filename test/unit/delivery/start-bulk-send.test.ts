import assert from 'node:assert/strict';
import { openDatabase, type DatabaseHandle } from '../../../src/adapters/sql/open-database';
import { SqlOutboxStore } from '../../../src/adapters/sql/sql-outbox-store';
import type { OutboxMessage } from '../../../src/core/ports/outbox-store';
import {
  BULK_PROGRESS_THRESHOLD,
  startBulkSend,
  toProgressCardKey,
} from '../../../src/delivery/start-bulk-send';

const NOW = new Date('2026-10-01T07:30:00.000Z');

function welcomes(count: number, notBefore = NOW): OutboxMessage[] {
  return Array.from({ length: count }, (_, i) => ({
    idempotencyKey: `welcome:defi-2026:team-${i}`,
    target: { kind: 'conversation', conversationId: `19:team-${i}@thread.tacv2` },
    payload: { kind: 'text', text: 'Bienvenue' },
    notBefore,
  }));
}

describe('startBulkSend', () => {
  let database: DatabaseHandle;
  let outbox: SqlOutboxStore;

  beforeEach(async () => {
    database = await openDatabase({ sqlitePath: ':memory:' });
    outbox = new SqlOutboxStore(database.db);
  });

  afterEach(async () => {
    await database.close();
  });

  function start(count: number, notBefore?: Date) {
    return startBulkSend(
      outbox,
      {
        batchId: 'welcome:defi-2026',
        adminConversationId: 'a:admin',
        language: 'fr',
        label: 'Messages de bienvenue',
        messages: welcomes(count, notBefore),
      },
      NOW,
    );
  }

  it('queues a send of 20 messages or fewer without a progress card', async () => {
    assert.deepEqual(await start(BULK_PROGRESS_THRESHOLD), { queued: 20, progressCard: false });
    assert.equal(await outbox.get(toProgressCardKey('welcome:defi-2026')), undefined);
    assert.equal((await outbox.countByState('welcome:defi-2026')).pending, 20);
  });

  it('queues a progress card for the admin ahead of a larger send', async () => {
    // Messages already due when the send starts: the card must still come first.
    assert.deepEqual(await start(21, new Date(NOW.getTime() - 60_000)), {
      queued: 21,
      progressCard: true,
    });
    const card = await outbox.get(toProgressCardKey('welcome:defi-2026'));
    assert.deepEqual(card?.target, { kind: 'conversation', conversationId: 'a:admin' });
    assert.equal(card?.batchId, null, 'the card is not one of the messages it counts');
    assert.equal(
      card?.payload.kind === 'card' && card.payload.summary,
      'Envoi\u00a0: 0 / 21 · 0 échec',
    );

    const claimed = await outbox.claimDue(NOW, 5, 'worker', 60_000);
    assert.equal(claimed[0]?.idempotencyKey, toProgressCardKey('welcome:defi-2026'));
  });

  it('changes nothing when the same send is started again', async () => {
    await start(30);
    assert.deepEqual(await start(30), { queued: 0, progressCard: true });
    assert.deepEqual(await outbox.countByState(), {
      pending: 31,
      sent: 0,
      failed: 0,
      unreachable: 0,
    });
  });
});
