import type { Clock } from '../core/ports/clock';
import type { ConversationStore } from '../core/ports/conversation-store';
import type { OutboxStore } from '../core/ports/outbox-store';
import type { Logger } from '../logger';
import type { TokenProvider } from './connector-client';
import { createFetchConnectorClient } from './create-fetch-connector-client';
import { createRateLimiter } from './create-rate-limiter';
import { createTargetResolver } from './create-target-resolver';
import { DeliveryWorker, type DeliveryWorkerOptions } from './delivery-worker';

/** Knobs tests and benchmarks turn; the bot itself runs on the documented defaults. */
export type DeliveryTuning = Pick<
  DeliveryWorkerOptions,
  | 'batchSize'
  | 'concurrency'
  | 'leaseMs'
  | 'leaseSafetyMs'
  | 'idlePollMs'
  | 'progressIntervalMs'
  | 'retryPolicy'
  | 'random'
> & {
  /** Bot Connector request timeout (CONNECTOR_REQUEST_TIMEOUT_MS by default). */
  requestTimeoutMs?: number;
};

/** What the running bot's delivery is made of. */
export interface DeliveryDependencies {
  outbox: OutboxStore;
  conversations: ConversationStore;
  clock: Clock;
  /** Unique per process: the lease owner written into claimed rows. */
  owner: string;
  /** The bot's id in Teams (`28:<app id>`). */
  botId: string;
  /** Bot Connector tokens; none for local fakes. */
  tokenProvider?: TokenProvider;
  logger: Logger;
  tuning?: DeliveryTuning;
}

/**
 * The delivery worker as the bot runs it: fetch Bot Connector client, targets resolved from the
 * stored conversation references, Teams pacing, outcomes other than "sent" logged.
 */
export function createDeliveryWorker(deps: DeliveryDependencies): DeliveryWorker {
  const { clock, logger, tuning = {} } = deps;
  const { requestTimeoutMs, ...workerTuning } = tuning;
  const limiter = createRateLimiter();
  const connector = createFetchConnectorClient({
    ...(deps.tokenProvider === undefined ? {} : { tokenProvider: deps.tokenProvider }),
    ...(requestTimeoutMs === undefined ? {} : { timeoutMs: requestTimeoutMs }),
  });
  return new DeliveryWorker({
    ...workerTuning,
    store: deps.outbox,
    connector,
    resolveTarget: createTargetResolver(deps.conversations, () => clock.now().getTime()),
    clock,
    owner: deps.owner,
    botId: deps.botId,
    limiter,
    onError: (error) => logger.error({ err: error }, 'delivery worker error'),
    onOutcome: (outcome) => {
      if (outcome.outcome !== 'sent') logger.info(outcome, 'delivery outcome');
    },
  });
}
