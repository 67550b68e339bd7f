import assert from 'node:assert/strict';
import { ClientSecretCredential, ManagedIdentityCredential } from '@azure/identity';
import { createGraphCredential } from '../../../../src/adapters/graph/create-graph-credential';
import { loadConfig } from '../../../../src/config';

const BOT = '00000000-0000-0000-0000-00000000b07a';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

describe('createGraphCredential', () => {
  it('has no Graph identity in a local run', () => {
    assert.equal(createGraphCredential(loadConfig({})), undefined);
  });

  it('calls Graph as the bot’s managed identity in Azure', () => {
    const config = loadConfig({ BOT_ID: BOT, BOT_TYPE: 'UserAssignedMsi', BOT_TENANT_ID: TENANT });
    assert.ok(createGraphCredential(config) instanceof ManagedIdentityCredential);
  });

  it('calls Graph with the bot’s secret for a single-tenant bot', () => {
    const config = loadConfig({
      BOT_ID: BOT,
      BOT_TYPE: 'SingleTenant',
      BOT_TENANT_ID: TENANT,
      BOT_PASSWORD: 'placeholder',
    });
    assert.ok(createGraphCredential(config) instanceof ClientSecretCredential);
  });

  it('needs a tenant for a multi-tenant bot, since tokens come from the team’s tenant', () => {
    assert.equal(
      createGraphCredential(loadConfig({ BOT_ID: BOT, BOT_PASSWORD: 'placeholder' })),
      undefined,
    );
  });

  it('prefers explicit GRAPH_* credentials', () => {
    const config = loadConfig({
      GRAPH_TENANT_ID: TENANT,
      GRAPH_CLIENT_ID: BOT,
      GRAPH_CLIENT_SECRET: 'placeholder',
    });
    assert.ok(createGraphCredential(config) instanceof ClientSecretCredential);
  });
});
