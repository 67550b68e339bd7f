import type { TokenCredential } from '@azure/identity';

/** Application permission scope for client-credential tokens (the grants decide what is allowed). */
export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';
/** Graph answers these calls in well under a second; 30 s catches a hung connection. */
const REQUEST_TIMEOUT_MS = 30_000;
/** Tries of one call answered 429 or 503 before giving up (the caller records the reason). */
const MAX_TRIES = 4;
/** Wait before another try when Graph says "later" without a Retry-After. */
const DEFAULT_RETRY_SECONDS = 2;
/** A Retry-After longer than this is not waited for inside a request: the call fails instead. */
const MAX_RETRY_AFTER_SECONDS = 30;

/** A Graph call that did not succeed: its status (0: unreachable) and Graph's error code and text. */
export class GraphRequestError extends Error {
  override name = 'GraphRequestError';
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    /** The permission the call needs, named when Graph answered 403. */
    readonly permission?: string,
    /** The wait Graph asked for with a 429 or 503 (Retry-After, in seconds), when it gave one. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** Network errors that mean no connection was made, so Graph never received the request. */
const NOT_CONNECTED_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);

/** Waits; tests give one that does not. */
export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One Microsoft Graph call with the app's token, JSON in and out. A 429 or 503 is tried again
 * after the Retry-After Graph gives (a few times, then a GraphRequestError with the status);
 * any other failure is a GraphRequestError at once. The token only goes to `url`, which callers
 * build from the configured Graph root.
 */
export async function graphRequest(
  credential: TokenCredential,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  options: {
    body?: object;
    permission: string;
    sleep?: Sleep;
    /** Tries of a call answered 429 or 503 (MAX_TRIES by default; 1: the caller waits itself). */
    maxTries?: number;
  },
): Promise<{ status: number; body: unknown }> {
  const sleep = options.sleep ?? realSleep;
  const maxTries = options.maxTries ?? MAX_TRIES;
  for (let attempt = 1; ; attempt += 1) {
    const token = await credential.getToken(GRAPH_SCOPE);
    if (token === null) throw new GraphRequestError('No Graph access token', 0, 'NoToken');
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${token.token}`,
          ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      // No connection at all means Graph never saw the request; a timeout or a reset may not.
      const cause = (error as { cause?: { code?: unknown } }).cause?.code;
      const neverSent = typeof cause === 'string' && NOT_CONNECTED_CODES.has(cause);
      throw new GraphRequestError(
        `Graph unreachable: ${String(error)}${typeof cause === 'string' ? ` (${cause})` : ''}`,
        0,
        neverSent ? 'NotConnected' : 'Unreachable',
      );
    }
    if (response.ok) {
      const text = await response.text();
      return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
    }
    const { code, message } = await readGraphError(response);
    const header = response.headers.get('retry-after');
    const retryAfter = Number(header);
    const wait =
      Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : DEFAULT_RETRY_SECONDS;
    const given = header === null ? undefined : wait;
    const transient = response.status === 429 || response.status === 503;
    if (transient && attempt < maxTries && wait <= MAX_RETRY_AFTER_SECONDS) {
      await sleep(wait * 1000);
      continue;
    }
    const hint = response.status === 403 ? ` (does the Graph app have ${options.permission}?)` : '';
    throw new GraphRequestError(
      `Graph ${method} answered ${response.status}: ${[code, message].filter(Boolean).join(': ')}${hint}`,
      response.status,
      code,
      response.status === 403 ? options.permission : undefined,
      given,
    );
  }
}

async function readGraphError(response: Response): Promise<{ code: string; message: string }> {
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string } };
    return { code: body.error?.code ?? '', message: body.error?.message ?? response.statusText };
  } catch {
    return { code: '', message: response.statusText };
  }
}

/**
 * Graph's passing failures: throttled (429), unavailable or a gateway error (502, 503, 504), or
 * no answer at all (status 0: a timeout or a reset). Another try later may succeed.
 */
export function isTransientGraphFailure(error: GraphRequestError): boolean {
  return [0, 429, 502, 503, 504].includes(error.status) && error.code !== 'NoToken';
}
