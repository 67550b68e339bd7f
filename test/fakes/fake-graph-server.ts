import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Graph pages channel lists; a small page makes tests follow @odata.nextLink. */
const PAGE_SIZE = 2;

interface FakeChannel {
  id: string;
  displayName: string;
  description: string;
  membershipType: string;
}

/** A request the fake received, for assertions. */
export interface GraphCall {
  method: string;
  path: string;
  authorization: string | undefined;
  body: Record<string, unknown> | undefined;
}

/**
 * A fake Microsoft Graph on loopback for `/v1.0/teams/{id}/channels`: checks the bearer token and
 * the channel rules Graph enforces (name ≤ 50 characters, no forbidden characters, unique names
 * regardless of case → 409), pages lists, and fails on demand (429 with Retry-After, 503).
 */
export class FakeGraphServer {
  readonly calls: GraphCall[] = [];
  readonly teams = new Map<string, FakeChannel[]>();
  /** Statuses to answer to the next POSTs, in order, before behaving normally. */
  readonly failNextPosts: { status: number; retryAfter?: number }[] = [];
  /** Names whose creation always fails with this status. */
  readonly alwaysFail = new Map<string, number>();
  private readonly server = http.createServer((req, res) => this.handle(req, res));

  constructor(readonly expectedToken: string) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1.0`;
  }

  async start(): Promise<void> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Adds a team with a General channel, as Teams creates it. */
  addTeam(teamId: string, channelNames: string[] = []): void {
    this.teams.set(
      teamId,
      ['General', ...channelNames].map((displayName) => ({
        id: `19:${randomUUID()}@thread.tacv2`,
        displayName,
        description: '',
        membershipType: 'standard',
      })),
    );
  }

  posts(): GraphCall[] {
    return this.calls.filter((call) => call.method === 'POST');
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const body = text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>);
      this.calls.push({
        method: req.method ?? '',
        path: url.pathname,
        authorization: req.headers.authorization,
        body,
      });
      this.route(req.method ?? '', url, body, res);
    });
  }

  private route(
    method: string,
    url: URL,
    body: Record<string, unknown> | undefined,
    res: http.ServerResponse,
  ): void {
    const reply = (
      status: number,
      payload: unknown,
      headers: Record<string, string> = {},
    ): void => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(payload));
    };
    const error = (
      status: number,
      code: string,
      message: string,
      headers?: Record<string, string>,
    ): void => reply(status, { error: { code, message } }, headers);

    const lastCall = this.calls[this.calls.length - 1];
    if (lastCall?.authorization !== `Bearer ${this.expectedToken}`) {
      error(401, 'InvalidAuthenticationToken', 'Access token is empty or invalid.');
      return;
    }
    const match = /^\/v1\.0\/teams\/([^/]+)\/channels$/.exec(url.pathname);
    const teamId = match?.[1] === undefined ? undefined : decodeURIComponent(match[1]);
    const channels = teamId === undefined ? undefined : this.teams.get(teamId);
    if (channels === undefined) {
      error(404, 'NotFound', 'No team found with Group Id');
      return;
    }
    if (method === 'GET') {
      const skip = Number(url.searchParams.get('$skiptoken') ?? '0');
      const page = channels.slice(skip, skip + PAGE_SIZE);
      const next =
        skip + PAGE_SIZE < channels.length
          ? {
              '@odata.nextLink': `${this.baseUrl}/teams/${encodeURIComponent(teamId!)}/channels?$skiptoken=${skip + PAGE_SIZE}`,
            }
          : {};
      reply(200, { value: page.map(toGraph), ...next });
      return;
    }
    if (method !== 'POST') {
      error(405, 'MethodNotAllowed', method);
      return;
    }
    const failure = this.failNextPosts.shift();
    if (failure !== undefined) {
      const headers: Record<string, string> =
        failure.retryAfter === undefined ? {} : { 'retry-after': String(failure.retryAfter) };
      error(
        failure.status,
        failure.status === 429 ? 'TooManyRequests' : 'ServiceUnavailable',
        'try later',
        headers,
      );
      return;
    }
    const displayName = typeof body?.displayName === 'string' ? body.displayName : '';
    const forced = this.alwaysFail.get(displayName);
    if (forced !== undefined) {
      error(forced, 'Forbidden', 'Missing resource-specific consent');
      return;
    }
    if (
      displayName === '' ||
      [...displayName].length > 50 ||
      /[~#%&*{}+/\\:<>?|'",]/.test(displayName)
    ) {
      error(400, 'BadRequest', 'Invalid channel displayName');
      return;
    }
    if (channels.some((c) => c.displayName.toLowerCase() === displayName.toLowerCase())) {
      error(409, 'NameAlreadyExists', 'Channel name already existed, please use other name.');
      return;
    }
    const created: FakeChannel = {
      id: `19:${randomUUID()}@thread.tacv2`,
      displayName,
      description: typeof body?.description === 'string' ? body.description : '',
      membershipType: typeof body?.membershipType === 'string' ? body.membershipType : 'standard',
    };
    channels.push(created);
    reply(201, toGraph(created));
  }
}

function toGraph(channel: FakeChannel): Record<string, string> {
  return {
    id: channel.id,
    displayName: channel.displayName,
    description: channel.description,
    membershipType: channel.membershipType,
    webUrl: `https://teams.microsoft.com/l/channel/${encodeURIComponent(channel.id)}`,
  };
}
