import assert from 'node:assert/strict';
import { createConnectorTokenProvider } from '../../../../src/adapters/teams/create-connector-token-provider';

describe('createConnectorTokenProvider', () => {
  it('sends no token in a local run without credentials', async () => {
    assert.equal(
      await createConnectorTokenProvider(undefined).getToken('http://127.0.0.1:56150/_connector'),
      undefined,
    );
  });
});
