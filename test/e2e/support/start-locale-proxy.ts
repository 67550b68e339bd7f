import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback HTTP proxy between the Agents Playground and the bot that sets the Teams locale. */
export interface LocaleProxy {
  /** Base URL to give the Playground as app endpoint origin (append /api/messages). */
  url: string;
  /** Changes the locale written into the activities that follow. */
  setLocale(locale: string): void;
  close(): Promise<void>;
}

/**
 * Writes `locale` into a Bot Framework activity (its `locale` and its clientInfo entity).
 * Anything that is not a JSON activity is returned unchanged.
 */
export function setActivityLocale(body: Buffer, locale: string): Buffer {
  let activity: unknown;
  try {
    activity = JSON.parse(body.toString('utf8'));
  } catch {
    return body;
  }
  if (typeof activity !== 'object' || activity === null || !('type' in activity)) return body;
  const rewritten = activity as { locale?: unknown; entities?: unknown };
  rewritten.locale = locale;
  if (Array.isArray(rewritten.entities)) {
    for (const entity of rewritten.entities as { type?: unknown; locale?: unknown }[]) {
      if (entity?.type === 'clientInfo') entity.locale = locale;
    }
  }
  return Buffer.from(JSON.stringify(rewritten), 'utf8');
}

/**
 * Starts the proxy on 127.0.0.1 (random port), forwarding every request to `targetOrigin`.
 *
 * Why: Agents Playground 0.2.28 hard-codes `locale: "en-US"` in every message and invoke it
 * sends, so a bot that follows the Teams language (French unless the client is English)
 * could never be seen in French there. Real Teams sends the user's own locale; this proxy
 * plays that part. Replies do not go through it: the bot posts them to the Playground's
 * service URL directly; invoke responses (Action.Execute cards) come back through it.
 */
export async function startLocaleProxy(targetOrigin: string, locale: string): Promise<LocaleProxy> {
  const target = new URL(targetOrigin);
  let currentLocale = locale;
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const isJson = (incoming.headers['content-type'] ?? '').includes('application/json');
      const body = isJson
        ? setActivityLocale(Buffer.concat(chunks), currentLocale)
        : Buffer.concat(chunks);
      const headers = { ...incoming.headers, host: target.host };
      delete headers['content-length'];
      delete headers['transfer-encoding'];
      const forwarded = request(
        {
          hostname: target.hostname,
          port: target.port,
          method: incoming.method,
          path: incoming.url,
          headers: { ...headers, 'content-length': String(body.length) },
        },
        (answer) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
        },
      );
      forwarded.on('error', (error) => {
        if (!outgoing.headersSent) outgoing.writeHead(502, { 'content-type': 'text/plain' });
        outgoing.end(`bot unreachable: ${error.message}`);
      });
      forwarded.end(body);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    setLocale: (next) => {
      currentLocale = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
