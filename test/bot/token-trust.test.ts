import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { FakeOpenIdServer } from '../fakes/fake-openid-server';
import { BotHarness, loadActivity } from './support/bot-harness';

const BOT_ID = '00000000-0000-0000-0000-00000000b07a';
/** The bound: a request with a bad token is answered within 2 s, whatever the key set does. */
const ANSWER_BOUND_MS = 2000;

/** A typing indicator: admitted, it needs no reply, so nothing here calls the connector back. */
function typing(): Record<string, unknown> {
  const { text: _text, ...activity } = loadActivity('personal-message-aide');
  return { ...activity, type: 'typing' };
}

/** `header.payload.` with alg "none": the oldest forgery there is. */
function unsignedToken(serviceUrl: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({
    iss: 'https://api.botframework.com',
    aud: BOT_ID,
    serviceurl: serviceUrl,
    iat: now,
    exp: now + 3600,
  })}.`;
}

describe('Bot Framework tokens, with BOT_ID set (hostile requests)', () => {
  const keys = new FakeOpenIdServer();
  let harness: BotHarness;

  before(async () => {
    await keys.start();
  });

  after(async () => {
    await keys.stop();
  });

  beforeEach(async () => {
    keys.mode = 'serving';
    harness = new BotHarness();
    await harness.start({
      BOT_ID,
      BOT_PASSWORD: 'placeholder-secret',
      ALLOWED_TENANT_IDS: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      HOST: '127.0.0.1',
      BOT_OPENID_METADATA_URL: keys.metadataUrl,
    });
  });

  afterEach(async () => {
    await harness.stop();
  });

  /** Sends with a bearer token; returns the status, the raw body and how long the answer took. */
  async function sendWith(token: string | undefined, activity = typing()) {
    const started = Date.now();
    const response = await fetch(`${harness.url}/api/messages`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      },
      body: JSON.stringify({ ...activity, serviceUrl: harness.connector.url }),
    });
    return { status: response.status, text: await response.text(), ms: Date.now() - started };
  }

  function assertRefused(answer: { status: number; text: string; ms: number }): void {
    assert.equal(answer.status, 401);
    // The same two words whatever went wrong: nothing of the SDK, the key set or the token.
    assert.deepEqual(JSON.parse(answer.text), { error: 'unauthorized' });
    assert.ok(answer.ms < ANSWER_BOUND_MS, `answered after ${answer.ms} ms`);
    assert.equal(harness.connector.sentActivities().length, 0);
  }

  it('takes a token the Bot Connector signed for this bot', async () => {
    const token = keys.sign({ audience: BOT_ID, serviceUrl: harness.connector.url });
    const answer = await sendWith(token);
    assert.equal(answer.status, 200, answer.text);
  });

  it('refuses a missing token and an unsigned one (alg none) with a bare 401', async () => {
    assertRefused(await sendWith(undefined));
    assertRefused(await sendWith(unsignedToken(harness.connector.url)));
    // A message that would have been answered is not, either.
    assertRefused(
      await sendWith(unsignedToken(harness.connector.url), loadActivity('personal-message-aide')),
    );
  });

  it('refuses a token signed by a key the Bot Connector does not publish', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    assertRefused(
      await sendWith(
        keys.sign({ audience: BOT_ID, serviceUrl: harness.connector.url }, privateKey),
      ),
    );
  });

  it('refuses an expired token and a token issued for another bot', async () => {
    assertRefused(
      await sendWith(
        keys.sign({ audience: BOT_ID, serviceUrl: harness.connector.url, expiresInSeconds: -3600 }),
      ),
    );
    assertRefused(
      await sendWith(
        keys.sign({
          audience: '11111111-1111-1111-1111-111111111111',
          serviceUrl: harness.connector.url,
        }),
      ),
    );
  });

  it('answers 401 without internal text when the key set cannot be read', async () => {
    keys.mode = 'failing';
    assertRefused(
      await sendWith(keys.sign({ audience: BOT_ID, serviceUrl: harness.connector.url })),
    );
  });

  it('answers 401 within 2 s when the key set never answers', async () => {
    keys.mode = 'hanging';
    assertRefused(
      await sendWith(keys.sign({ audience: BOT_ID, serviceUrl: harness.connector.url })),
    );
  });

  it('reads the key set once for many requests, not once per forged token', async () => {
    const before = keys.keySetReads;
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    for (let i = 0; i < 5; i += 1) {
      assertRefused(
        await sendWith(
          keys.sign({ audience: BOT_ID, serviceUrl: harness.connector.url }, privateKey),
        ),
      );
    }
    assert.equal(
      (await sendWith(keys.sign({ audience: BOT_ID, serviceUrl: harness.connector.url }))).status,
      200,
    );
    // One read by the gate, and one by the adapter unless its process-wide cache has the keys.
    assert.ok(keys.keySetReads - before <= 2, `${keys.keySetReads - before} reads`);
  });
});
