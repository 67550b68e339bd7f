import assert from 'node:assert/strict';
import { BotHarness, loadActivity } from './support/bot-harness';

describe('HTTP server', () => {
  let harness: BotHarness;

  afterEach(async () => {
    await harness.stop();
  });

  it('reports healthy while the database answers and 503 once it is gone', async () => {
    harness = new BotHarness();
    await harness.start();
    const healthy = await fetch(`${harness.url}/healthz`);
    assert.equal(healthy.status, 200);
    assert.deepEqual(await healthy.json(), { status: 'ok', database: 'up' });
    await harness.closeDatabase();
    const down = await fetch(`${harness.url}/healthz`);
    assert.equal(down.status, 503);
    assert.deepEqual(await down.json(), { status: 'unavailable', database: 'down' });
  });

  it('listens on loopback only when no bot credentials are configured', async () => {
    harness = new BotHarness();
    await harness.start();
    assert.match(harness.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('refuses an activity without a Bot Framework token when credentials are configured', async () => {
    harness = new BotHarness();
    await harness.start({
      BOT_ID: '00000000-0000-0000-0000-00000000b07a',
      BOT_PASSWORD: 'placeholder-secret',
      ALLOWED_TENANT_IDS: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      HOST: '127.0.0.1',
    });
    const { status } = await harness.send(loadActivity('personal-message-aide'));
    assert.equal(status, 401);
    assert.equal(harness.connector.sentActivities().length, 0);
  });

  it('rejects a request body over the size limit', async () => {
    harness = new BotHarness();
    await harness.start({ MAX_BODY_BYTES: '2048' });
    const activity = { ...loadActivity('personal-message-aide'), text: 'x'.repeat(4096) };
    const { status } = await harness.send(activity);
    assert.equal(status, 413);
    assert.equal(harness.connector.sentActivities().length, 0);
  });

  it('finishes the turn in progress before stopping', async () => {
    harness = new BotHarness();
    await harness.start();
    harness.connector.delayMs = 300;
    const replying = harness.connector.nextCall();
    const pending = harness.send(loadActivity('personal-message-aide'));
    await replying; // the turn is now waiting for the connector
    await harness.bot.stop();
    const { status } = await pending;
    assert.equal(status, 200);
    assert.equal(harness.connector.sentActivities().length, 1);
  });
});
