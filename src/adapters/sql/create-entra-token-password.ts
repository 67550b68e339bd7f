import type { AccessToken, TokenCredential } from '@azure/identity';

/** The audience of Microsoft Entra tokens for Azure Database for PostgreSQL. */
export const POSTGRES_ENTRA_SCOPE = 'https://ossrdbms-aad.database.windows.net/.default';

/**
 * How long before its expiry a token is replaced. Entra tokens last about an hour; PostgreSQL
 * checks the token only when a connection opens, so five minutes keeps a token that is about to
 * expire from being presented by a connection that is slow to open (pg waits up to 5 s).
 */
export const TOKEN_REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * A pg `password` function for Microsoft Entra login: each new connection presents an access
 * token of `credential` (the bot's managed identity) as its password. The token is kept until
 * `TOKEN_REFRESH_MARGIN_MS` before it expires, and connections opening together share one request.
 */
export function createEntraTokenPassword(
  credential: TokenCredential,
  now: () => number = Date.now,
): () => Promise<string> {
  let current: AccessToken | undefined;
  let pending: Promise<AccessToken> | undefined;
  return async () => {
    if (current !== undefined && now() < current.expiresOnTimestamp - TOKEN_REFRESH_MARGIN_MS) {
      return current.token;
    }
    pending ??= credential
      .getToken(POSTGRES_ENTRA_SCOPE)
      .then((token) => {
        if (token === null) throw new Error('The managed identity gave no token for PostgreSQL');
        current = token;
        return token;
      })
      .finally(() => {
        pending = undefined;
      });
    return (await pending).token;
  };
}
