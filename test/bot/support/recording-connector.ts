import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the bot made to the Bot Connector. */
export interface ConnectorCall {
  method: string;
  path: string;
  conversationId: string;
  body: Record<string, unknown>;
}

/**
 * A stand-in for the Bot Connector on loopback that records what the bot sends, for bot tests
 * that check replies. It answers like the real service: 201 with a new activity id, 400 for an
 * activity without a type.
 */
export class RecordingConnector {
  readonly calls: ConnectorCall[] = [];
  private readonly server = http.createServer((req, res) => this.handle(req, res));
  private nextId = 1;
  private waiting: (() => void)[] = [];
  /** Members listed by GET …/pagedmembers (a team's roster). */
  pagedMembers: { id: string; aadObjectId: string; name: string }[] = [];
  /** People the member API knows (GET …/members/{id}), by Entra object id. */
  readonly members = new Map<string, { email: string; name: string }>();
  /** Delay before answering, to hold a turn in progress. */
  delayMs = 0;
  /** Conversations whose user blocked the bot: posts there are answered 403 ConversationBlockedByUser. */
  isBlocked: (conversationId: string) => boolean = () => false;

  /** Resolves when the next call arrives. */
  nextCall(): Promise<void> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  async start(): Promise<void> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
  }

  async stop(): Promise<void> {
    if (!this.server.listening) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Activities posted to conversations (replies and new messages), in order. */
  sentActivities(): Record<string, unknown>[] {
    return this.calls.filter((call) => call.method === 'POST').map((call) => call.body);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const path = req.url ?? '';
      const match = /^\/v3\/conversations\/([^/]+)/.exec(path);
      this.calls.push({
        method: req.method ?? '',
        path,
        conversationId: match?.[1] === undefined ? '' : decodeURIComponent(match[1]),
        body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
      });
      const waiting = this.waiting;
      this.waiting = [];
      waiting.forEach((resolve) => resolve());
      const member = /\/members\/([^/?]+)$/.exec(path);
      if (req.method === 'GET' && member !== null) {
        const known = this.members.get(decodeURIComponent(member[1]!));
        res.writeHead(known === undefined ? 404 : 200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify(
            known === undefined
              ? { error: { code: 'NotFound', message: 'member not found' } }
              : { id: `29:${member[1]}`, aadObjectId: member[1], ...known },
          ),
        );
        return;
      }
      if (req.method === 'GET' && /\/pagedmembers/.test(path)) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ members: this.pagedMembers }));
        return;
      }
      const body = this.calls[this.calls.length - 1]!.body;
      // The real service refuses an activity without a type (posted or updated) this way.
      const isActivity = /^\/v3\/conversations\/[^/]+\/activities/.test(path);
      if (
        isActivity &&
        (req.method === 'POST' || req.method === 'PUT') &&
        typeof body.type !== 'string'
      ) {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({ error: { code: 'BadArgument', message: 'Unknown activity type' } }),
        );
        return;
      }
      const conversationId = this.calls[this.calls.length - 1]!.conversationId;
      if (isActivity && req.method === 'POST' && this.isBlocked(conversationId)) {
        res.writeHead(403, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            error: {
              code: 'ConversationBlockedByUser',
              message: 'User blocked the conversation with the bot.',
            },
          }),
        );
        return;
      }
      setTimeout(() => {
        res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `activity-${this.nextId++}` }));
      }, this.delayMs);
    });
  }
}
