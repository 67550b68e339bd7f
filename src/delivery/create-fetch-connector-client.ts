import {
  ConnectorError,
  type Activity,
  type ConnectorClient,
  type TokenProvider,
} from './connector-client';
import { parseRetryAfter } from './parse-retry-after';

/**
 * A request still unanswered after 30 s is abandoned and retried. The Bot Connector answers in
 * well under a second normally; abandoning sooner would turn slow successes into retries, and
 * every abandoned send is one that may have been delivered (docs/delivery.md).
 */
export const CONNECTOR_REQUEST_TIMEOUT_MS = 30_000;

/** Options of the fetch-based client. */
export interface FetchConnectorClientOptions {
  /** Bearer tokens for the Bot Connector; without it requests go unauthenticated (fakes, emulator). */
  tokenProvider?: TokenProvider;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** For Retry-After dates. */
  now?: () => number;
}

function endpoint(serviceUrl: string, path: string): URL {
  // Teams sends service URLs with and without the trailing slash; URL resolution needs it.
  return new URL(path, serviceUrl.endsWith('/') ? serviceUrl : `${serviceUrl}/`);
}

/** A ConnectorClient over plain fetch and the Bot Framework REST API v3. */
export function createFetchConnectorClient(
  options: FetchConnectorClientOptions = {},
): ConnectorClient {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? CONNECTOR_REQUEST_TIMEOUT_MS;
  const now = options.now ?? (() => Date.now());

  async function call(
    method: 'POST' | 'PUT',
    serviceUrl: string,
    path: string,
    body: unknown,
  ): Promise<{ id?: unknown }> {
    const token = await options.tokenProvider?.getToken(serviceUrl);
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    let response: Response;
    try {
      response = await doFetch(endpoint(serviceUrl, path), {
        method,
        headers,
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const reason = error instanceof Error ? error.name : 'unknown';
      throw new ConnectorError(
        `${method} ${path}: network error (${reason})`,
        {},
        { cause: error },
      );
    }
    const text = await response.text().catch(() => '');
    let parsed: { id?: unknown; error?: { code?: unknown } } = {};
    try {
      parsed = text === '' ? {} : (JSON.parse(text) as typeof parsed);
    } catch {
      // A proxy's HTML error page: the status says enough.
    }
    if (!response.ok) {
      const code = typeof parsed.error?.code === 'string' ? parsed.error.code : undefined;
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now());
      throw new ConnectorError(`${method} ${path}: ${response.status}${code ? ` ${code}` : ''}`, {
        status: response.status,
        ...(code === undefined ? {} : { code }),
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      });
    }
    return parsed;
  }

  function readId(answer: { id?: unknown }, what: string): string {
    if (typeof answer.id !== 'string' || answer.id === '') {
      throw new ConnectorError(`the Bot Connector answered no ${what} id`, {});
    }
    return answer.id;
  }

  return {
    async createConversation({ serviceUrl, tenantId, botId, userAadId }) {
      const answer = await call('POST', serviceUrl, 'v3/conversations', {
        isGroup: false,
        bot: { id: botId },
        // Teams accepts the user's Entra object id as the member id.
        members: [{ id: userAadId }],
        tenantId,
        channelData: { tenant: { id: tenantId } },
      });
      return readId(answer, 'conversation');
    },
    async sendActivity(serviceUrl, conversationId, activity: Activity) {
      const path = `v3/conversations/${encodeURIComponent(conversationId)}/activities`;
      return readId(await call('POST', serviceUrl, path, activity), 'activity');
    },
    async updateActivity(serviceUrl, conversationId, activityId, activity: Activity) {
      const path = `v3/conversations/${encodeURIComponent(conversationId)}/activities/${encodeURIComponent(activityId)}`;
      await call('PUT', serviceUrl, path, { ...activity, id: activityId });
    },
  };
}
