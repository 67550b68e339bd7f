import assert from 'node:assert/strict';
import type { AccessToken, TokenCredential } from '@azure/identity';
import {
  POSTGRES_ENTRA_SCOPE,
  TOKEN_REFRESH_MARGIN_MS,
  createEntraTokenPassword,
} from '../../../../src/adapters/sql/create-entra-token-password';

const HOUR_MS = 3_600_000;

/** A managed identity that issues numbered one-hour tokens at the fake time, and counts requests. */
class FakeIdentity implements TokenCredential {
  readonly scopes: string[] = [];
  failNext = false;
  private issued = 0;
  constructor(private readonly clock: { now: number }) {}

  getToken(scope: string | string[]): Promise<AccessToken | null> {
    this.scopes.push(...(Array.isArray(scope) ? scope : [scope]));
    if (this.failNext) {
      this.failNext = false;
      return Promise.reject(new Error('IMDS unreachable'));
    }
    this.issued += 1;
    return Promise.resolve({
      token: `token-${this.issued}`,
      expiresOnTimestamp: this.clock.now + HOUR_MS,
    });
  }
}

describe('createEntraTokenPassword', () => {
  let clock: { now: number };
  let identity: FakeIdentity;
  let password: () => Promise<string>;

  beforeEach(() => {
    clock = { now: Date.UTC(2026, 11, 3, 9, 0) };
    identity = new FakeIdentity(clock);
    password = createEntraTokenPassword(identity, () => clock.now);
  });

  it('asks the managed identity for a PostgreSQL token and gives it as the password', async () => {
    assert.equal(await password(), 'token-1');
    assert.deepEqual(identity.scopes, [POSTGRES_ENTRA_SCOPE]);
    assert.equal(POSTGRES_ENTRA_SCOPE, 'https://ossrdbms-aad.database.windows.net/.default');
  });

  it('keeps the token until shortly before it expires, then fetches a new one', async () => {
    await password();
    clock.now += HOUR_MS - TOKEN_REFRESH_MARGIN_MS - 1;
    assert.equal(await password(), 'token-1');
    clock.now += 1;
    assert.equal(await password(), 'token-2');
    assert.equal(identity.scopes.length, 2);
  });

  it('shares one request between connections opening together', async () => {
    const passwords = await Promise.all([password(), password(), password()]);
    assert.deepEqual(passwords, ['token-1', 'token-1', 'token-1']);
    assert.equal(identity.scopes.length, 1);
  });

  it('does not keep a failure: the next connection asks again', async () => {
    identity.failNext = true;
    await assert.rejects(password(), /IMDS unreachable/);
    assert.equal(await password(), 'token-1');
  });

  it('fails clearly when the identity gives no token', async () => {
    const silent: TokenCredential = { getToken: () => Promise.resolve(null) };
    await assert.rejects(createEntraTokenPassword(silent)(), /gave no token for PostgreSQL/);
  });
});
