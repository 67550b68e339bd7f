import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback HTTP proxy in front of the fake Bot Connector that can hold requests back. */
export interface FreezableProxy {
  /** The service URL to store in conversation references instead of the fake's. */
  serviceUrl: string;
  /** Activities posted through the proxy so far (POST …/activities), whether forwarded or held. */
  posted(): number;
  /** Calls `listener` when the n-th activity is posted, before it is forwarded or held. */
  onPosted(n: number, listener: () => void): void;
  /** From now on requests are held, not forwarded: the Bot Connector never sees them. */
  freeze(): void;
  /** Drops the held requests (their sender is gone) and forwards again. */
  thaw(): void;
  /** Resolves once no forwarded request awaits its answer. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts a proxy on 127.0.0.1 forwarding to `targetUrl`. Freezing it models the moment a
 * process is cut off: requests it wrote never reach Teams, while every answer Teams already gave
 * has been passed on.
 */
export async function startFreezableProxy(targetUrl: string): Promise<FreezableProxy> {
  const target = new URL(targetUrl);
  const held: http.ServerResponse[] = [];
  const listeners = new Map<number, () => void>();
  let frozen = false;
  let posted = 0;
  let inFlight = 0;
  let idleWaiters: (() => void)[] = [];

  const settle = (): void => {
    inFlight -= 1;
    if (inFlight === 0) {
      for (const wake of idleWaiters) wake();
      idleWaiters = [];
    }
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method === 'POST' && /\/activities\/?$/.test(req.url ?? '')) {
        posted += 1;
        listeners.get(posted)?.();
      }
      if (frozen) {
        held.push(res);
        return;
      }
      // The sender died while its request was on the way: Teams would not see it either.
      if (req.socket.destroyed) return;
      inFlight += 1;
      const body = Buffer.concat(chunks);
      const forward = http.request(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: target.host, 'content-length': body.length },
        },
        (answer) => {
          const parts: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => parts.push(chunk));
          answer.on('end', () => {
            if (!res.destroyed) {
              res.writeHead(answer.statusCode ?? 502, answer.headers);
              res.end(Buffer.concat(parts));
            }
            settle();
          });
        },
      );
      forward.on('error', () => {
        if (!res.destroyed) res.destroy();
        settle();
      });
      forward.end(body);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;

  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    posted: () => posted,
    onPosted: (n, listener) => listeners.set(n, listener),
    freeze: () => {
      frozen = true;
    },
    thaw: () => {
      for (const res of held.splice(0)) res.destroy();
      frozen = false;
    },
    idle: () =>
      inFlight === 0
        ? Promise.resolve()
        : new Promise<void>((resolve) => idleWaiters.push(resolve)),
    stop: async () => {
      for (const res of held.splice(0)) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
