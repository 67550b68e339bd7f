import assert from 'node:assert/strict';
import {
  ClientAssertionCredential,
  ClientSecretCredential,
  type AccessToken,
  type TokenCredential,
} from '@azure/identity';
import {
  FEDERATION_TOKEN_SCOPE,
  createFederatedAssertion,
  createGraphCredential,
} from '../../../../src/adapters/graph/create-graph-credential';
import { loadConfig } from '../../../../src/config';

const BOT = '00000000-0000-0000-0000-00000000b07a';
const GRAPH_APP = '0c8e4f2a-91b7-4d3e-a5c6-7f1b2d9e8a43';
const IDENTITY = '6a1f0d3c-2b4e-4c8d-9e7f-1a2b3c4d5e6f';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

/** A managed identity that answers without Azure and remembers the scopes it was asked for. */
function fakeIdentity(scopes: string[]): TokenCredential {
  return {
    getToken: (scope): Promise<AccessToken> => {
      scopes.push(...(Array.isArray(scope) ? scope : [scope]));
      return Promise.resolve({ token: 'mi-token', expiresOnTimestamp: 4_102_444_800_000 });
    },
  };
}

describe('createGraphCredential', () => {
  it('has no Graph identity in a local run', () => {
    assert.equal(createGraphCredential(loadConfig({})), undefined);
  });

  it('never calls Graph as the bot, even when the bot has a managed identity or a secret', () => {
    for (const env of [
      { BOT_ID: BOT, BOT_TYPE: 'UserAssignedMsi', BOT_TENANT_ID: TENANT },
      { BOT_ID: BOT, BOT_TYPE: 'SingleTenant', BOT_TENANT_ID: TENANT, BOT_PASSWORD: 'secret' },
    ]) {
      assert.equal(createGraphCredential(loadConfig(env)), undefined, env.BOT_TYPE);
    }
  });

  it('calls Graph as the Graph app with its secret', () => {
    const config = loadConfig({
      GRAPH_TENANT_ID: TENANT,
      GRAPH_CLIENT_ID: GRAPH_APP,
      GRAPH_CLIENT_SECRET: 'secret-from-key-vault',
    });
    assert.ok(createGraphCredential(config) instanceof ClientSecretCredential);
  });

  it('calls Graph as the Graph app with a federated credential from the managed identity', async () => {
    const config = loadConfig({
      GRAPH_TENANT_ID: TENANT,
      GRAPH_CLIENT_ID: GRAPH_APP,
      GRAPH_MANAGED_IDENTITY_CLIENT_ID: IDENTITY,
    });
    const asked: string[] = [];
    const built: string[] = [];
    const credential = createGraphCredential(config, (clientId) => {
      built.push(clientId);
      return fakeIdentity(asked);
    });
    assert.ok(credential instanceof ClientAssertionCredential);
    assert.deepEqual(built, [IDENTITY]);
    // The assertion itself: the identity's token for the token-exchange audience.
    const assertion = await createFederatedAssertion(fakeIdentity(asked))();
    assert.equal(assertion, 'mi-token');
    assert.deepEqual(asked, [FEDERATION_TOKEN_SCOPE]);
  });

  it('fails clearly when the managed identity gives no token', async () => {
    const silent: TokenCredential = { getToken: () => Promise.resolve(null) };
    await assert.rejects(createFederatedAssertion(silent)(), /managed identity gave no token/);
  });
});
