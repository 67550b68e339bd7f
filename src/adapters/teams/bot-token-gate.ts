import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Logger } from '../../logger';

/** Where Teams' Bot Connector publishes the keys that sign the tokens it sends to bots. */
export const BOT_FRAMEWORK_OPENID_METADATA_URL =
  'https://login.botframework.com/v1/.well-known/openidconfiguration';

/** The issuer of every token the Bot Connector sends to a bot on behalf of Teams. */
const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';

/** Keys are kept a day, as the Bot Framework SDK does; an unknown key id re-reads them at most this often. */
const KEYS_MAX_AGE_MS = 24 * 60 * 60 * 1000;
const UNKNOWN_KEY_REFRESH_MS = 5 * 60 * 1000;
const CLOCK_TOLERANCE_SECONDS = 5 * 60;

export interface BotTokenGateOptions {
  /** The bot's Microsoft app id: the audience every token must name. */
  appId: string;
  metadataUrl: string;
  /** Each read of the metadata or the key set gives up after this long. */
  fetchTimeoutMs: number;
  logger: Logger;
  now?: () => number;
}

/** A signing key of the key set, with the channels it may sign for. */
interface SigningKey {
  key: KeyObject;
  endorsements: string[] | undefined;
}

/**
 * Checks the Bot Framework token of a request before anything else reads it: RS256 only, signed
 * by a key of the published key set (read with a short timeout, kept a day), issued by the Bot
 * Connector for this bot and not expired. Any doubt, including a key set that cannot be read,
 * answers false: the request is then refused with a 401 and no detail. The adapter checks the
 * token again with its own rules (service URL, endorsements).
 */
export function createBotTokenGate(
  options: BotTokenGateOptions,
): (authorization: string | undefined, channelId: string | undefined) => Promise<boolean> {
  const now = options.now ?? Date.now;
  let keys = new Map<string, SigningKey>();
  let readAt = Number.NEGATIVE_INFINITY;
  let lastAttemptAt = Number.NEGATIVE_INFINITY;
  let reading: Promise<void> | undefined;

  const readKeys = async (): Promise<void> => {
    lastAttemptAt = now();
    const signal = AbortSignal.timeout(options.fetchTimeoutMs);
    const metadata = (await fetchJson(options.metadataUrl, signal)) as { jwks_uri?: unknown };
    if (typeof metadata.jwks_uri !== 'string') throw new Error('metadata without jwks_uri');
    const set = (await fetchJson(metadata.jwks_uri, signal)) as { keys?: unknown };
    if (!Array.isArray(set.keys)) throw new Error('key set without keys');
    const next = new Map<string, SigningKey>();
    for (const jwk of set.keys as (JsonWebKey & { kid?: string; endorsements?: string[] })[]) {
      if (typeof jwk.kid !== 'string' || jwk.kty !== 'RSA') continue;
      next.set(jwk.kid, {
        key: createPublicKey({ key: jwk, format: 'jwk' }),
        endorsements: Array.isArray(jwk.endorsements) ? jwk.endorsements : undefined,
      });
    }
    keys = next;
    readAt = now();
  };

  /** One read at a time; failures are logged without detail from the request. */
  const refresh = async (): Promise<void> => {
    reading ??= readKeys()
      .catch((error: unknown) => {
        options.logger.warn(
          { reason: error instanceof Error ? error.name : 'unknown' },
          'the Bot Framework signing keys could not be read',
        );
      })
      .finally(() => {
        reading = undefined;
      });
    await reading;
  };

  const findKey = async (kid: string): Promise<SigningKey | undefined> => {
    if (now() - readAt > KEYS_MAX_AGE_MS) await refresh();
    else if (!keys.has(kid) && now() - lastAttemptAt > UNKNOWN_KEY_REFRESH_MS) await refresh();
    return keys.get(kid);
  };

  return async (authorization, channelId) => {
    const match = /^Bearer (\S+)$/.exec(authorization ?? '');
    if (match === null) return false;
    const token = match[1]!;
    const decoded = jwt.decode(token, { complete: true });
    if (decoded === null || typeof decoded.payload === 'string') return false;
    if (decoded.header.alg !== 'RS256' || typeof decoded.header.kid !== 'string') return false;
    const signing = await findKey(decoded.header.kid);
    if (signing === undefined) return false;
    if (signing.endorsements !== undefined && !signing.endorsements.includes(channelId ?? '')) {
      return false;
    }
    try {
      jwt.verify(token, signing.key, {
        algorithms: ['RS256'],
        audience: options.appId,
        issuer: BOT_FRAMEWORK_ISSUER,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        clockTimestamp: Math.floor(now() / 1000),
      });
      return true;
    } catch {
      return false;
    }
  };
}

async function fetchJson(url: string, signal: AbortSignal): Promise<unknown> {
  const response = await fetch(url, { signal });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json();
}
