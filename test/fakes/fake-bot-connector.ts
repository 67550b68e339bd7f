import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One sliding window: at most `limit` accepted requests in any `windowMs`. */
interface Window {
  limit: number;
  windowMs: number;
}

// Microsoft's documented Teams bot limits ("Rate limiting for bots",
// learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit), written out again here
// rather than imported from src/delivery so that a mistake there is caught by this fake.
const THREAD_WINDOWS: readonly Window[] = [
  { limit: 7, windowMs: 1_000 },
  { limit: 8, windowMs: 2_000 },
  { limit: 60, windowMs: 30_000 },
  { limit: 1_800, windowMs: 3_600_000 },
];
const TENANT_WINDOWS: readonly Window[] = [{ limit: 50, windowMs: 1_000 }];

/**
 * Teams refuses bot messages above about 100 KB counted in UTF-16 (two bytes a code unit), with
 * 413; counted here on its own rather than with src's helper, so a mistake there is caught.
 */
const MAX_ACTIVITY_UTF16_BYTES = 100 * 1024;

/** The share of calls failed with 503 unless told otherwise: the "fails 1% of calls". */
const DEFAULT_FAILURE_RATE = 0.01;

/** The tenant of requests that name none. */
export const DEFAULT_TENANT_ID = 'fake-tenant';

/** The idempotency key the delivery worker puts in every activity's channelData. */
export const IDEMPOTENCY_KEY_FIELD = 'labbotIdempotencyKey';

/** How a fake connector misbehaves; every random choice comes from `seed`. */
export interface FakeBotConnectorOptions {
  /** Share of otherwise accepted calls answered 503 before anything is delivered (default 0.01). */
  failureRate?: number;
  /**
   * Share of sends that are delivered but answered 503 anyway, as when the real service times
   * out after posting: the only way a correct client can deliver twice (default 0).
   */
  ambiguousFailureRate?: number;
  /** Seed of the random failures (default 1). */
  seed?: number;
  /** Answer 429 without a Retry-After header, as Teams sometimes does (default false). */
  omitRetryAfter?: boolean;
  /** Delay before each answer, to model network and service time (default 0). */
  latencyMs?: number;
  /** The time, for the windows; the system clock by default. */
  now?: () => number;
  /** Override the documented limits, e.g. to make a test hit them quickly. */
  threadWindows?: readonly Window[];
  tenantWindows?: readonly Window[];
}

/** One request the connector answered, in arrival order. */
export interface ReceivedCall {
  method: string;
  path: string;
  status: number;
  at: number;
  tenantId: string;
  conversationId: string | undefined;
  activityId: string | undefined;
  idempotencyKey: string | undefined;
  /** Whether an Authorization header came with the request. */
  authorized: boolean;
  body: Record<string, unknown>;
}

/** Totals, by outcome. */
export interface ConnectorCounters {
  requests: number;
  created: number;
  delivered: number;
  updated: number;
  throttled: number;
  failed: number;
  ambiguous: number;
  blocked: number;
  missing: number;
  rejected: number;
}

interface ConversationState {
  tenantId: string;
  activities: Set<string>;
}

/** Small seeded generator (mulberry32) so the same seed fails the same calls. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function readTenant(body: Record<string, unknown>): string | undefined {
  const conversation = body.conversation as { tenantId?: unknown } | undefined;
  const channelData = body.channelData as { tenant?: { id?: unknown } } | undefined;
  const candidates = [conversation?.tenantId, channelData?.tenant?.id, body.tenantId];
  const found = candidates.find((value) => typeof value === 'string' && value !== '');
  return found as string | undefined;
}

function readIdempotencyKey(body: Record<string, unknown>): string | undefined {
  const channelData = body.channelData as Record<string, unknown> | undefined;
  const key = channelData?.[IDEMPOTENCY_KEY_FIELD];
  return typeof key === 'string' ? key : undefined;
}

/**
 * A Bot Connector on loopback that behaves like the documented Teams one: it creates 1:1
 * conversations, accepts and updates activities, enforces the per-conversation and per-tenant
 * limits with 429 and Retry-After, fails a seeded share of calls with 503, refuses blocked (403)
 * and unknown (404) conversations, and counts what was delivered per conversation and per key.
 */
export class FakeBotConnector {
  /** Every answered request, in order. */
  readonly received: ReceivedCall[] = [];
  readonly counters: ConnectorCounters = {
    requests: 0,
    created: 0,
    delivered: 0,
    updated: 0,
    throttled: 0,
    failed: 0,
    ambiguous: 0,
    blocked: 0,
    missing: 0,
    rejected: 0,
  };
  /** Messages delivered to each conversation (updates not included). */
  readonly deliveriesByConversation = new Map<string, number>();
  /** Messages delivered under each idempotency key: more than 1 is a duplicate. */
  readonly deliveriesByKey = new Map<string, number>();

  private readonly server = http.createServer((req, res) => this.handle(req, res));
  private readonly random: () => number;
  private readonly now: () => number;
  private readonly failureRate: number;
  private readonly ambiguousFailureRate: number;
  private readonly threadWindows: readonly Window[];
  private readonly tenantWindows: readonly Window[];
  private readonly threadHistory = new Map<string, number[]>();
  private readonly tenantHistory = new Map<string, number[]>();
  private readonly conversations = new Map<string, ConversationState>();
  private readonly blocked = new Map<string, string>();
  private readonly missing = new Set<string>();
  private nextActivity = 1;

  constructor(private readonly options: FakeBotConnectorOptions = {}) {
    this.random = seededRandom(options.seed ?? 1);
    this.now = options.now ?? (() => Date.now());
    this.failureRate = options.failureRate ?? DEFAULT_FAILURE_RATE;
    this.ambiguousFailureRate = options.ambiguousFailureRate ?? 0;
    this.threadWindows = options.threadWindows ?? THREAD_WINDOWS;
    this.tenantWindows = options.tenantWindows ?? TENANT_WINDOWS;
  }

  /** The service URL to give the bot, with a trailing slash like Teams sends it. */
  get serviceUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  /** Listens on 127.0.0.1; port 0 picks a free one. */
  async start(port = 0): Promise<void> {
    this.server.listen(port, '127.0.0.1');
    await once(this.server, 'listening');
  }

  async stop(): Promise<void> {
    if (!this.server.listening) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Makes an existing conversation accept messages: conversations are otherwise created on first use. */
  addConversation(conversationId: string, tenantId = DEFAULT_TENANT_ID): void {
    this.conversations.set(conversationId, { tenantId, activities: new Set() });
  }

  /** The user blocked the bot or removed the app: sends get 403 with this code. */
  block(conversationId: string, code = 'MessageWritesBlocked'): void {
    this.blocked.set(conversationId, code);
  }

  /** The conversation no longer exists: sends get 404. */
  forget(conversationId: string): void {
    this.missing.add(conversationId);
  }

  /** The conversation id this connector gives a user's 1:1 chat, stable like Teams'. */
  conversationIdFor(userAadId: string, tenantId = DEFAULT_TENANT_ID): string {
    return `a:fake-${tenantId}-${userAadId}`;
  }

  /** Idempotency keys delivered more than once, with their counts. */
  duplicates(): Map<string, number> {
    return new Map([...this.deliveriesByKey].filter(([, count]) => count > 1));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      let body: Record<string, unknown> = {};
      let parseError = false;
      try {
        body =
          raw.length === 0 ? {} : (JSON.parse(raw.toString('utf8')) as Record<string, unknown>);
      } catch {
        parseError = true;
      }
      const answer = parseError
        ? this.error(400, 'BadSyntax', 'The request body is not JSON.')
        : raw.toString('utf8').length * 2 > MAX_ACTIVITY_UTF16_BYTES
          ? this.error(413, 'MessageSizeTooBig', 'Message size too large.')
          : this.route(req.method ?? '', req.url ?? '', body);
      const call: ReceivedCall = {
        method: req.method ?? '',
        path: req.url ?? '',
        status: answer.status,
        at: this.now(),
        tenantId: answer.tenantId ?? DEFAULT_TENANT_ID,
        conversationId: answer.conversationId,
        activityId: answer.activityId,
        idempotencyKey: readIdempotencyKey(body),
        authorized: typeof req.headers.authorization === 'string',
        body,
      };
      this.received.push(call);
      this.counters.requests += 1;
      const send = () => {
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        res.end(JSON.stringify(answer.body));
      };
      if (this.options.latencyMs) setTimeout(send, this.options.latencyMs);
      else send();
    });
  }

  private route(method: string, url: string, body: Record<string, unknown>): Answer {
    const path = url.split('?')[0] ?? '';
    if (method === 'POST' && /^\/v3\/conversations\/?$/.test(path)) return this.create(body);
    const send = /^\/v3\/conversations\/([^/]+)\/activities\/?$/.exec(path);
    if (method === 'POST' && send?.[1] !== undefined) {
      return this.send(decodeURIComponent(send[1]), body);
    }
    const update = /^\/v3\/conversations\/([^/]+)\/activities\/([^/]+)$/.exec(path);
    if (method === 'PUT' && update?.[1] !== undefined && update[2] !== undefined) {
      return this.update(decodeURIComponent(update[1]), decodeURIComponent(update[2]), body);
    }
    return this.error(404, 'NotFound', `No route for ${method} ${path}.`);
  }

  private create(body: Record<string, unknown>): Answer {
    const tenantId = readTenant(body) ?? DEFAULT_TENANT_ID;
    const members = body.members as { id?: unknown }[] | undefined;
    const userId = members?.[0]?.id;
    if (typeof userId !== 'string' || members?.length !== 1 || body.isGroup === true) {
      return this.error(
        400,
        'BadArgument',
        'Exactly one member is needed for a 1:1 chat.',
        tenantId,
      );
    }
    const conversationId = this.conversationIdFor(userId, tenantId);
    const refused = this.admit(tenantId, undefined, conversationId);
    if (refused) return refused;
    if (!this.conversations.has(conversationId)) this.addConversation(conversationId, tenantId);
    this.counters.created += 1;
    return { status: 201, body: { id: conversationId }, tenantId, conversationId };
  }

  private send(conversationId: string, body: Record<string, unknown>): Answer {
    const state = this.conversations.get(conversationId);
    const tenantId = readTenant(body) ?? state?.tenantId ?? DEFAULT_TENANT_ID;
    const refused =
      this.refuseUnreachable(conversationId, tenantId) ??
      this.admit(tenantId, conversationId, conversationId);
    if (refused) return refused;
    const conversation = state ?? { tenantId, activities: new Set<string>() };
    this.conversations.set(conversationId, conversation);
    const activityId = `1${String(this.nextActivity++).padStart(12, '0')}`;
    conversation.activities.add(activityId);
    this.counters.delivered += 1;
    this.deliveriesByConversation.set(
      conversationId,
      (this.deliveriesByConversation.get(conversationId) ?? 0) + 1,
    );
    const key = readIdempotencyKey(body);
    if (key !== undefined) this.deliveriesByKey.set(key, (this.deliveriesByKey.get(key) ?? 0) + 1);
    if (this.random() < this.ambiguousFailureRate) {
      this.counters.ambiguous += 1;
      return {
        ...this.error(503, 'ServiceUnavailable', 'Service unavailable.', tenantId),
        conversationId,
        activityId,
      };
    }
    return { status: 201, body: { id: activityId }, tenantId, conversationId, activityId };
  }

  private update(
    conversationId: string,
    activityId: string,
    body: Record<string, unknown>,
  ): Answer {
    const state = this.conversations.get(conversationId);
    const tenantId = readTenant(body) ?? state?.tenantId ?? DEFAULT_TENANT_ID;
    const refused =
      this.refuseUnreachable(conversationId, tenantId) ??
      this.admit(tenantId, conversationId, conversationId);
    if (refused) return refused;
    if (!state?.activities.has(activityId)) {
      this.counters.rejected += 1;
      return {
        ...this.error(404, 'ActivityNotFound', 'Activity not found.', tenantId),
        conversationId,
      };
    }
    this.counters.updated += 1;
    return { status: 200, body: { id: activityId }, tenantId, conversationId, activityId };
  }

  private refuseUnreachable(conversationId: string, tenantId: string): Answer | undefined {
    const code = this.blocked.get(conversationId);
    if (code !== undefined) {
      this.counters.blocked += 1;
      return {
        ...this.error(403, code, 'The bot is not allowed to write to this conversation.', tenantId),
        conversationId,
      };
    }
    if (this.missing.has(conversationId)) {
      this.counters.missing += 1;
      return {
        ...this.error(404, 'ConversationNotFound', 'Conversation not found.', tenantId),
        conversationId,
      };
    }
    return undefined;
  }

  /** Applies the windows, then the random 503s; an accepted call takes its place in the windows. */
  private admit(
    tenantId: string,
    thread: string | undefined,
    conversationId: string,
  ): Answer | undefined {
    const now = this.now();
    const tenantTimes = this.tenantHistory.get(tenantId) ?? [];
    const threadTimes = thread === undefined ? undefined : (this.threadHistory.get(thread) ?? []);
    let retryAt = earliestAllowed(tenantTimes, this.tenantWindows, now);
    if (threadTimes)
      retryAt = Math.max(retryAt, earliestAllowed(threadTimes, this.threadWindows, now));
    if (retryAt > now) {
      this.counters.throttled += 1;
      const headers: Record<string, string> = this.options.omitRetryAfter
        ? {}
        : { 'retry-after': String(Math.max(1, Math.ceil((retryAt - now) / 1000))) };
      return {
        ...this.error(429, 'TooManyRequests', 'Too many requests.', tenantId),
        headers,
        conversationId,
      };
    }
    if (this.random() < this.failureRate) {
      this.counters.failed += 1;
      return {
        ...this.error(503, 'ServiceUnavailable', 'Service unavailable.', tenantId),
        conversationId,
      };
    }
    tenantTimes.push(now);
    this.tenantHistory.set(tenantId, tenantTimes);
    if (thread !== undefined && threadTimes) {
      threadTimes.push(now);
      this.threadHistory.set(thread, threadTimes);
    }
    return undefined;
  }

  private error(status: number, code: string, message: string, tenantId?: string): Answer {
    return { status, body: { error: { code, message } }, tenantId };
  }
}

interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  tenantId?: string | undefined;
  conversationId?: string | undefined;
  activityId?: string | undefined;
}

/** When every window lets one more request through; drops times older than the longest window. */
function earliestAllowed(times: number[], windows: readonly Window[], now: number): number {
  const longest = Math.max(...windows.map((window) => window.windowMs));
  let expired = 0;
  while (expired < times.length && (times[expired] ?? 0) <= now - longest) expired += 1;
  if (expired > 0) times.splice(0, expired);
  let earliest = now;
  for (const { limit, windowMs } of windows) {
    const inWindow = times.filter((time) => time > now - windowMs);
    if (inWindow.length >= limit) {
      earliest = Math.max(earliest, (inWindow[inWindow.length - limit] ?? now) + windowMs);
    }
  }
  return earliest;
}
