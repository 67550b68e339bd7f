import {
  ChannelProvisioningError,
  type ChannelProvisioner,
  type TeamChannel,
} from '../ports/channel-provisioner';
import { isSameChannelName } from './to-channel-name';

/** Attempts per channel before it is reported failed; throttling and server errors only. */
export const MAX_CHANNEL_ATTEMPTS = 4;
/** First wait between attempts when the service gives no Retry-After; doubles each time. */
export const BASE_RETRY_DELAY_MS = 1_000;

/** One channel to have: the formed team it is for, its name and description. */
export interface WantedChannel {
  teamKey: string;
  displayName: string;
  description: string;
}

/** What happened to one wanted channel. */
export type ChannelOutcome =
  | { teamKey: string; displayName: string; status: 'reused' | 'created'; channel: TeamChannel }
  | { teamKey: string; displayName: string; status: 'would-create' }
  | { teamKey: string; displayName: string; status: 'failed'; error: string; attempts: number };

/** Options: a dry run lists what would be created; `wait` is injected so tests need no timers. */
export interface ProvisionOptions {
  dryRun: boolean;
  wait: (ms: number) => Promise<void>;
  maxAttempts?: number;
  /** Called after each channel, for a progress card. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Makes sure each formed team has its channel in the programme's Teams team. Idempotent: a
 * channel whose name exists is reused, so running it again creates nothing twice. One channel
 * failing does not stop the others; throttled or server errors are retried with backoff.
 */
export async function provisionTeamChannels(
  provisioner: ChannelProvisioner,
  teamsTeamId: string,
  wanted: readonly WantedChannel[],
  options: ProvisionOptions,
): Promise<ChannelOutcome[]> {
  const maxAttempts = options.maxAttempts ?? MAX_CHANNEL_ATTEMPTS;
  let existing = await withRetry(
    () => provisioner.listChannels(teamsTeamId),
    maxAttempts,
    options.wait,
  );
  const outcomes: ChannelOutcome[] = [];
  for (const channel of wanted) {
    const found = existing.find((c) => isSameChannelName(c.displayName, channel.displayName));
    if (found !== undefined) {
      outcomes.push({ ...base(channel), status: 'reused', channel: found });
    } else if (options.dryRun) {
      outcomes.push({ ...base(channel), status: 'would-create' });
    } else {
      outcomes.push(await createOne(channel));
    }
    options.onProgress?.(outcomes.length, wanted.length);
  }
  return outcomes;

  async function createOne(channel: WantedChannel): Promise<ChannelOutcome> {
    let attempts = 0;
    for (;;) {
      attempts += 1;
      try {
        const created = await provisioner.createChannel(
          teamsTeamId,
          channel.displayName,
          channel.description,
        );
        existing = [...existing, created];
        return { ...base(channel), status: 'created', channel: created };
      } catch (error) {
        if (error instanceof ChannelProvisioningError && error.status === 409) {
          // Created meanwhile (another run, or a person): reuse it rather than fail.
          existing = await withRetry(
            () => provisioner.listChannels(teamsTeamId),
            maxAttempts,
            options.wait,
          );
          const found = existing.find((c) => isSameChannelName(c.displayName, channel.displayName));
          if (found !== undefined) return { ...base(channel), status: 'reused', channel: found };
        }
        const retryable = error instanceof ChannelProvisioningError && error.retryable;
        if (!retryable || attempts >= maxAttempts) {
          return {
            ...base(channel),
            status: 'failed',
            error: error instanceof Error ? error.message : String(error),
            attempts,
          };
        }
        await options.wait(delayFor(error, attempts));
      }
    }
  }
}

function base(channel: WantedChannel): { teamKey: string; displayName: string } {
  return { teamKey: channel.teamKey, displayName: channel.displayName };
}

function delayFor(error: unknown, attempt: number): number {
  if (error instanceof ChannelProvisioningError && error.retryAfterSeconds !== undefined) {
    return error.retryAfterSeconds * 1000;
  }
  return BASE_RETRY_DELAY_MS * 2 ** (attempt - 1);
}

async function withRetry<T>(
  call: () => Promise<T>,
  maxAttempts: number,
  wait: (ms: number) => Promise<void>,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      const retryable = error instanceof ChannelProvisioningError && error.retryable;
      if (!retryable || attempt >= maxAttempts) throw error;
      await wait(delayFor(error, attempt));
    }
  }
}
