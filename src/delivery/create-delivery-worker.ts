import type { Clock } from '../core/ports/clock';
import type { ConversationStore } from '../core/ports/conversation-store';
import type { TenantPauseStore } from '../core/ports/instance-registry';
import type { OutboxStore } from '../core/ports/outbox-store';
import type { Logger } from '../logger';
import type { TokenProvider } from './connector-client';
import { createFetchConnectorClient } from './create-fetch-connector-client';
import { createProgressCardUpdater } from './create-progress-card-updater';
import { createRateLimiter } from './create-rate-limiter';
import { createTargetResolver, type InstallPersonalChat } from './create-target-resolver';
import { DeliveryWorker, type DeliveryWorkerOptions } from './delivery-worker';
import { shareTenantPauses } from './share-tenant-pauses';

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
  /**
   * Where tenant pauses after a 429 are shared with the other instances; without it a pause
   * holds for this process only (a single instance).
   */
  tenantPauses?: TenantPauseStore;
  tuning?: DeliveryTuning;
  /** Told of each message Teams refused for good (the e-mail fallback); absent: nothing more happens. */
  onUnreachable?: DeliveryWorkerOptions['onUnreachable'];
  /**
   * Installs the bot for the recipient of a message queued while Graph could not (Graph);
   * absent: such a message is unreachable.
   */
  installPersonalChat?: InstallPersonalChat;
}

/** The bot's worker, which can be told how many instances share the tenant budget. */
export type BotDeliveryWorker = DeliveryWorker & {
  /**
   * `instances` processes are sending (the instance heartbeat counts them): keep to that share
   * of each tenant's limit.
   */
  shareTenantBudget(instances: number): void;
};

/**
 * The delivery worker as the bot runs it: fetch Bot Connector client, targets resolved from the
 * stored conversation references, Teams pacing, bulk-send progress cards kept up to date,
 * outcomes other than "sent" logged.
 */
export function createDeliveryWorker(deps: DeliveryDependencies): BotDeliveryWorker {
  const { clock, logger, tuning = {} } = deps;
  const { requestTimeoutMs, ...workerTuning } = tuning;
  const localLimiter = createRateLimiter();
  const sharedPauses =
    deps.tenantPauses === undefined
      ? undefined
      : shareTenantPauses({
          limiter: localLimiter,
          store: deps.tenantPauses,
          clock,
          onError: (error) => logger.warn({ err: error }, 'tenant pauses not shared'),
        });
  const limiter = sharedPauses?.limiter ?? localLimiter;
  const connector = createFetchConnectorClient({
    ...(deps.tokenProvider === undefined ? {} : { tokenProvider: deps.tokenProvider }),
    ...(requestTimeoutMs === undefined ? {} : { timeoutMs: requestTimeoutMs }),
  });
  const resolveTarget = createTargetResolver(
    deps.conversations,
    () => clock.now().getTime(),
    deps.installPersonalChat,
  );
  const onError = (error: unknown): void => logger.error({ err: error }, 'delivery worker error');
  const progressCards = createProgressCardUpdater({
    outbox: deps.outbox,
    connector,
    resolveTarget,
    limiter,
    clock,
    ...(tuning.random === undefined ? {} : { random: tuning.random }),
    ...(tuning.retryPolicy === undefined ? {} : { retryPolicy: tuning.retryPolicy }),
    onError: (error) => logger.warn({ err: error }, 'progress card not updated'),
  });

  /** Shutdown also waits for the progress card updates under way, the final summary included. */
  class SharedDeliveryWorker extends DeliveryWorker {
    override start(): void {
      sharedPauses?.start();
      super.start();
    }

    override async stop(): Promise<void> {
      await super.stop();
      await progressCards.idle();
      await sharedPauses?.stop();
    }

    private instances = 1;

    shareTenantBudget(instances: number): void {
      this.instances = Math.max(1, Math.floor(instances));
      localLimiter.shareTenantLimits(this.instances);
    }

    /**
     * A claim holds as many seconds of sending as alone: at a share of the tenant's rate, fewer
     * messages, so when the send ends no instance is left with a long tail at its share.
     */
    protected override claimBatchSize(): number {
      return Math.max(1, Math.ceil(super.claimBatchSize() / this.instances));
    }
  }

  return new SharedDeliveryWorker({
    ...workerTuning,
    store: deps.outbox,
    connector,
    resolveTarget,
    clock,
    owner: deps.owner,
    botId: deps.botId,
    limiter,
    onError,
    ...(deps.onUnreachable === undefined ? {} : { onUnreachable: deps.onUnreachable }),
    onProgress: (progress) => progressCards.onProgress(progress),
    onOutcome: (outcome) => {
      progressCards.onOutcome(outcome);
      if (outcome.outcome !== 'sent') logger.info(outcome, 'delivery outcome');
    },
  });
}
