import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import restify from 'restify';
import type { Logger } from '../logger';

/** What the HTTP layer needs: the adapter, the bot's turn logic and a database probe. */
export interface ServerDependencies {
  adapter: TeamsAdapter;
  runTurn: (context: TurnContext) => Promise<unknown>;
  /** Resolves true when the database answers. */
  isDatabaseUp: () => Promise<boolean>;
  maxBodyBytes: number;
  logger: Logger;
  /**
   * Checks the request's Bot Framework token before the adapter reads the activity; absent in
   * local runs without credentials.
   */
  authenticate?: (
    authorization: string | undefined,
    channelId: string | undefined,
  ) => Promise<boolean>;
  /** Extra routes (e.g. signed export downloads), registered after the two built-in ones. */
  extraRoutes?: ((server: restify.Server) => void)[];
}

/** The bot's HTTP server, with a way to wait for in-flight turns during shutdown. */
export interface BotServer {
  server: restify.Server;
  /** Resolves when no turn is running, or after the timeout; returns how many were still running. */
  drain: (timeoutMs: number) => Promise<number>;
}

/** Creates the restify server: POST /api/messages for Teams and GET /healthz for the platform. */
export function createServer(deps: ServerDependencies): BotServer {
  const server = restify.createServer({
    name: 'innovation-lab-bot',
    handleUncaughtExceptions: false,
  });
  server.use(
    restify.plugins.bodyParser({
      maxBodySize: deps.maxBodyBytes,
      mapParams: false,
      rejectUnknown: true,
    }),
  );

  let inFlight = 0;
  let idle: (() => void)[] = [];

  server.post('/api/messages', async (req, res) => {
    inFlight += 1;
    try {
      if (deps.authenticate !== undefined) {
        const channelId = (req.body as { channelId?: unknown } | undefined)?.channelId;
        const admitted = await deps.authenticate(
          req.header('authorization') || undefined,
          typeof channelId === 'string' ? channelId : undefined,
        );
        if (!admitted) {
          res.send(401, { error: 'unauthorized' });
          return;
        }
      }
      // The adapter authenticates the request again and writes the response itself; an error
      // it answers is sent without its text, which may describe the bot's internals.
      await deps.adapter.process(req, withoutErrorText(res), async (context) => {
        await deps.runTurn(context);
      });
    } catch (error) {
      deps.logger.error({ err: error }, 'activity processing failed');
      if (!res.headersSent) res.send(500, { error: 'internal' });
    } finally {
      inFlight -= 1;
      if (inFlight === 0) {
        const waiting = idle;
        idle = [];
        waiting.forEach((resolve) => resolve());
      }
    }
  });

  server.get('/healthz', async (_req, res) => {
    const up = await deps.isDatabaseUp();
    res.status(up ? 200 : 503);
    res.json({ status: up ? 'ok' : 'unavailable', database: up ? 'up' : 'down' });
  });

  for (const register of deps.extraRoutes ?? []) register(server);

  return {
    server,
    drain: async (timeoutMs) => {
      if (inFlight === 0) return 0;
      await Promise.race([
        new Promise<void>((resolve) => idle.push(resolve)),
        new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref()),
      ]);
      return inFlight;
    },
  };
}

/**
 * The response as the adapter sees it: a success goes through as written; an error status goes
 * out with a fixed body naming only its kind.
 */
function withoutErrorText(res: restify.Response): restify.Response {
  let status = 200;
  const status_ = (code: number): restify.Response => {
    status = code;
    return res.status(code) as unknown as restify.Response;
  };
  const send = (body?: unknown): unknown =>
    status < 400
      ? res.send(body)
      : res.send(status === 401 ? { error: 'unauthorized' } : { error: 'failed' });
  return new Proxy(res, {
    get(target, property) {
      if (property === 'status') return status_;
      if (property === 'send') return send;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function'
        ? (value as (...args: unknown[]) => unknown).bind(target)
        : value;
    },
  });
}
