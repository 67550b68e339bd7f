import assert from 'node:assert/strict';
import type { AccessToken, TokenCredential } from '@azure/identity';
import { POSTGRES_ENTRA_SCOPE } from '../../../../src/adapters/sql/create-entra-token-password';
import { toDatabaseOptions } from '../../../../src/adapters/sql/to-database-options';
import { loadConfig } from '../../../../src/config';

const IDENTITY = '6a1f0d3c-2b4e-4c8d-9e7f-1a2b3c4d5e6f';
const AZURE_URL =
  'postgres://labbot-app@labbot-pg.postgres.database.azure.com:5432/labbot?sslmode=verify-full';

describe('toDatabaseOptions', () => {
  it('opens the SQLite file when no PostgreSQL is configured, with no password function', () => {
    const options = toDatabaseOptions(loadConfig({ SQLITE_PATH: 'data/x.sqlite' }), () =>
      assert.fail('no managed identity without DATABASE_MANAGED_IDENTITY_CLIENT_ID'),
    );
    assert.deepEqual(options, { databaseUrl: undefined, sqlitePath: 'data/x.sqlite' });
  });

  it('logs in to PostgreSQL with a token of the configured managed identity, in its schema', async () => {
    const built: string[] = [];
    const scopes: string[] = [];
    const identity: TokenCredential = {
      getToken: (scope): Promise<AccessToken> => {
        scopes.push(...(Array.isArray(scope) ? scope : [scope]));
        return Promise.resolve({
          token: 'entra-token',
          expiresOnTimestamp: Date.now() + 3_600_000,
        });
      },
    };
    const options = toDatabaseOptions(
      loadConfig({
        DATABASE_URL: AZURE_URL,
        DATABASE_SCHEMA: 'labbot',
        DATABASE_MANAGED_IDENTITY_CLIENT_ID: IDENTITY,
      }),
      (clientId) => {
        built.push(clientId);
        return identity;
      },
    );
    assert.equal(options.databaseUrl, AZURE_URL);
    assert.equal(options.schema, 'labbot');
    assert.deepEqual(built, [IDENTITY]);
    assert.equal(await options.password?.(), 'entra-token');
    assert.deepEqual(scopes, [POSTGRES_ENTRA_SCOPE]);
  });
});
