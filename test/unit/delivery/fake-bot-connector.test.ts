import assert from 'node:assert/strict';
import { FakeBotConnector } from '../../fakes/fake-bot-connector';

/** Windows so large that only the behaviour under test shows. */
const NO_LIMITS = {
  threadWindows: [{ limit: 1e9, windowMs: 1_000 }],
  tenantWindows: [{ limit: 1e9, windowMs: 1_000 }],
};

/** The two shapes the Bot Connector answers with. */
interface ConnectorAnswer {
  id: string;
  error: { code: string; message: string };
}

async function post(connector: FakeBotConnector, path: string, body: unknown) {
  const response = await fetch(new URL(path, connector.serviceUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as ConnectorAnswer,
  };
}

function message(key: string, tenantId = 'tenant-a') {
  return {
    type: 'message',
    text: 'Bonjour',
    conversation: { tenantId },
    channelData: { labbotIdempotencyKey: key },
  };
}

describe('FakeBotConnector', () => {
  let now = Date.UTC(2026, 9, 1, 7, 30);
  let connector: FakeBotConnector;
  const clock = () => now;

  afterEach(async () => {
    await connector.stop();
  });

  it('creates the same 1:1 conversation for a user every time, like Teams', async () => {
    connector = new FakeBotConnector({ failureRate: 0, now: clock });
    await connector.start();
    const request = {
      isGroup: false,
      bot: { id: 'bot' },
      members: [{ id: 'aad-1' }],
      channelData: { tenant: { id: 'tenant-a' } },
    };
    const first = await post(connector, 'v3/conversations', request);
    const second = await post(connector, 'v3/conversations', request);
    assert.equal(first.status, 201);
    assert.equal(first.body.id, connector.conversationIdFor('aad-1', 'tenant-a'));
    assert.equal(second.body.id, first.body.id);
    assert.equal(connector.counters.created, 2);
  });

  it('delivers, then updates, an activity and counts it per conversation and per idempotency key', async () => {
    connector = new FakeBotConnector({ failureRate: 0, now: clock });
    await connector.start();
    const sent = await post(
      connector,
      'v3/conversations/19%3Aabc/activities',
      message('checkin:2026-10:team-7:lead'),
    );
    assert.equal(sent.status, 201);
    const updated = await fetch(
      new URL(`v3/conversations/19%3Aabc/activities/${sent.body.id}`, connector.serviceUrl),
      {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: 'Bonjour !' }),
      },
    );
    assert.equal(updated.status, 200);
    assert.equal(connector.deliveriesByConversation.get('19:abc'), 1);
    assert.equal(connector.deliveriesByKey.get('checkin:2026-10:team-7:lead'), 1);
    assert.deepEqual(connector.counters, {
      ...connector.counters,
      delivered: 1,
      updated: 1,
      requests: 2,
    });
    assert.equal(connector.received[0]?.idempotencyKey, 'checkin:2026-10:team-7:lead');
    assert.equal(connector.received[0]?.tenantId, 'tenant-a');
  });

  it('answers 429 with Retry-After to the 8th message in a second to one conversation', async () => {
    connector = new FakeBotConnector({ failureRate: 0, now: clock });
    await connector.start();
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 8; i += 1) {
      last = await post(connector, 'v3/conversations/c1/activities', message(`k${i}`));
      statuses.push(last.status);
    }
    assert.deepEqual(statuses, [201, 201, 201, 201, 201, 201, 201, 429]);
    assert.equal(last?.retryAfter, '1');
    assert.equal(last?.body.error.code, 'TooManyRequests');
    now += 1_000;
    assert.equal(
      (await post(connector, 'v3/conversations/c1/activities', message('k8'))).status,
      201,
    );
  });

  it('answers 429 to the 51st request in a second to one tenant, sparing other tenants', async () => {
    connector = new FakeBotConnector({ failureRate: 0, now: clock });
    await connector.start();
    for (let i = 0; i < 50; i += 1) {
      assert.equal(
        (await post(connector, `v3/conversations/c-${i}/activities`, message(`k${i}`))).status,
        201,
      );
    }
    assert.equal(
      (await post(connector, 'v3/conversations/c-50/activities', message('k50'))).status,
      429,
    );
    assert.equal(
      (await post(connector, 'v3/conversations/c-50/activities', message('k50', 'tenant-b')))
        .status,
      201,
    );
    assert.equal(connector.counters.throttled, 1);
  });

  it('can leave Retry-After out, so clients must back off on their own', async () => {
    connector = new FakeBotConnector({
      failureRate: 0,
      now: clock,
      omitRetryAfter: true,
      threadWindows: [{ limit: 1, windowMs: 1_000 }],
    });
    await connector.start();
    await post(connector, 'v3/conversations/c/activities', message('a'));
    const refused = await post(connector, 'v3/conversations/c/activities', message('b'));
    assert.equal(refused.status, 429);
    assert.equal(refused.retryAfter, null);
  });

  it('fails about 1% of calls with 503 by default, the same ones for the same seed', async () => {
    const failures: number[][] = [];
    for (let run = 0; run < 2; run += 1) {
      connector = new FakeBotConnector({ ...NO_LIMITS, seed: 42, now: clock });
      await connector.start();
      const failed: number[] = [];
      for (let i = 0; i < 1_000; i += 1) {
        if (
          (await post(connector, `v3/conversations/c-${i}/activities`, message(`k${i}`))).status ===
          503
        )
          failed.push(i);
      }
      failures.push(failed);
      await connector.stop();
    }
    assert.deepEqual(failures[0], failures[1]);
    assert.ok(
      failures[0]!.length >= 3 && failures[0]!.length <= 25,
      `${failures[0]!.length} failures`,
    );
    assert.equal(connector.counters.delivered, 1_000 - failures[0]!.length);
  });

  it('refuses a blocked conversation with 403 and the code Teams uses', async () => {
    connector = new FakeBotConnector({ failureRate: 0, now: clock });
    await connector.start();
    connector.block('c-blocked');
    connector.block('c-by-user', 'ConversationBlockedByUser');
    const blocked = await post(connector, 'v3/conversations/c-blocked/activities', message('a'));
    const byUser = await post(connector, 'v3/conversations/c-by-user/activities', message('b'));
    assert.equal(blocked.status, 403);
    assert.equal(blocked.body.error.code, 'MessageWritesBlocked');
    assert.equal(byUser.body.error.code, 'ConversationBlockedByUser');
    assert.equal(connector.counters.delivered, 0);
  });

  it('refuses a conversation that no longer exists with 404', async () => {
    connector = new FakeBotConnector({ failureRate: 0, now: clock });
    await connector.start();
    connector.forget('c-gone');
    const gone = await post(connector, 'v3/conversations/c-gone/activities', message('a'));
    assert.equal(gone.status, 404);
    assert.equal(gone.body.error.code, 'ConversationNotFound');
  });

  it('can deliver and still answer 503, which is how a correct client ends up with a duplicate', async () => {
    connector = new FakeBotConnector({ failureRate: 0, ambiguousFailureRate: 1, now: clock });
    await connector.start();
    assert.equal(
      (await post(connector, 'v3/conversations/c/activities', message('k'))).status,
      503,
    );
    assert.equal(
      (await post(connector, 'v3/conversations/c/activities', message('k'))).status,
      503,
    );
    assert.deepEqual([...connector.duplicates()], [['k', 2]]);
  });

  it('refuses messages above 100 KB counted in UTF-16 with 413, which is 50 KB of ASCII', async () => {
    connector = new FakeBotConnector({ failureRate: 0, now: clock });
    await connector.start();
    const fits = { ...message('fits'), text: 'x'.repeat(45 * 1024) };
    assert.equal((await post(connector, 'v3/conversations/c/activities', fits)).status, 201);
    // 60 KB of UTF-8 passed the old 80 KB check; Teams counts it as 120 KB.
    const big = { ...message('big'), text: 'x'.repeat(60 * 1024) };
    assert.equal((await post(connector, 'v3/conversations/c/activities', big)).status, 413);
  });

  it('listens on loopback only', async () => {
    connector = new FakeBotConnector();
    await connector.start();
    assert.match(connector.serviceUrl, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  });
});
