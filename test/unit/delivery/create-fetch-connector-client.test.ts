import assert from 'node:assert/strict';
import { ConnectorError } from '../../../src/delivery/connector-client';
import { createFetchConnectorClient } from '../../../src/delivery/create-fetch-connector-client';
import { FakeBotConnector } from '../../fakes/fake-bot-connector';

async function rejection(promise: Promise<unknown>): Promise<ConnectorError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ConnectorError, String(error));
    return error;
  }
  assert.fail('the call succeeded');
}

describe('createFetchConnectorClient', () => {
  let connector: FakeBotConnector;

  beforeEach(async () => {
    connector = new FakeBotConnector({ failureRate: 0 });
    await connector.start();
  });

  afterEach(async () => {
    await connector.stop();
  });

  it('opens a 1:1 chat, sends to it and updates the activity', async () => {
    const client = createFetchConnectorClient();
    const conversationId = await client.createConversation({
      serviceUrl: connector.serviceUrl,
      tenantId: 'tenant-a',
      botId: '28:bot',
      userAadId: 'aad-1',
    });
    assert.equal(conversationId, connector.conversationIdFor('aad-1', 'tenant-a'));
    const activityId = await client.sendActivity(connector.serviceUrl, conversationId, {
      type: 'message',
      text: 'Bonjour',
    });
    await client.updateActivity(connector.serviceUrl, conversationId, activityId, {
      type: 'message',
      text: 'Bonjour !',
    });
    assert.equal(connector.counters.updated, 1);
    assert.equal(connector.received[2]?.body.id, activityId);
    assert.equal(connector.received[0]?.tenantId, 'tenant-a');
  });

  it('accepts a service URL without its trailing slash', async () => {
    const client = createFetchConnectorClient();
    await client.sendActivity(connector.serviceUrl.replace(/\/$/, ''), 'c', { type: 'message' });
    assert.equal(connector.received[0]?.path, '/v3/conversations/c/activities');
  });

  it('sends the bearer token from the token provider', async () => {
    const client = createFetchConnectorClient({
      tokenProvider: { getToken: () => Promise.resolve('token') },
    });
    await client.sendActivity(connector.serviceUrl, 'c', { type: 'message' });
    assert.equal(connector.received[0]?.authorized, true);
  });

  it('reports a 429 with its Retry-After in milliseconds', async () => {
    await connector.stop();
    connector = new FakeBotConnector({
      failureRate: 0,
      threadWindows: [{ limit: 1, windowMs: 3_000 }],
    });
    await connector.start();
    const client = createFetchConnectorClient();
    await client.sendActivity(connector.serviceUrl, 'c', { type: 'message' });
    const error = await rejection(
      client.sendActivity(connector.serviceUrl, 'c', { type: 'message' }),
    );
    assert.equal(error.status, 429);
    assert.equal(error.code, 'TooManyRequests');
    assert.ok(
      error.retryAfterMs !== undefined &&
        error.retryAfterMs >= 2_000 &&
        error.retryAfterMs <= 3_000,
    );
  });

  it('reports the Bot Connector error code of a refusal', async () => {
    connector.block('c', 'MessageWritesBlocked');
    const error = await rejection(
      createFetchConnectorClient().sendActivity(connector.serviceUrl, 'c', { type: 'message' }),
    );
    assert.equal(error.status, 403);
    assert.equal(error.code, 'MessageWritesBlocked');
    assert.equal(error.retryAfterMs, undefined);
  });

  it('reports a refused connection as a network error, without status', async () => {
    const url = connector.serviceUrl;
    await connector.stop();
    const error = await rejection(
      createFetchConnectorClient().sendActivity(url, 'c', { type: 'message' }),
    );
    assert.equal(error.status, undefined);
  });

  it('gives up on a request that takes longer than its timeout', async () => {
    await connector.stop();
    connector = new FakeBotConnector({ failureRate: 0, latencyMs: 500 });
    await connector.start();
    const client = createFetchConnectorClient({ timeoutMs: 50 });
    const error = await rejection(
      client.sendActivity(connector.serviceUrl, 'c', { type: 'message' }),
    );
    assert.equal(error.status, undefined);
    assert.match(error.message, /network error/);
  });

  it('treats an answer without an id as a failure', async () => {
    const client = createFetchConnectorClient({
      fetch: () => Promise.resolve(new Response('{}', { status: 201 })),
    });
    const error = await rejection(
      client.sendActivity('http://127.0.0.1:9/', 'c', { type: 'message' }),
    );
    assert.match(error.message, /no activity id/);
  });

  it('reads the status of an error page that is not JSON', async () => {
    const client = createFetchConnectorClient({
      fetch: () => Promise.resolve(new Response('<html>Bad gateway</html>', { status: 502 })),
    });
    const error = await rejection(
      client.sendActivity('http://127.0.0.1:9/', 'c', { type: 'message' }),
    );
    assert.equal(error.status, 502);
    assert.equal(error.code, undefined);
  });
});
