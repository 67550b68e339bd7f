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

/**
 * What happened to one wanted channel. `refused`: the app may not list or create channels in
 * this team (no consent), so the team gets a thread in General instead.
 */
export type ChannelOutcome =
  | { teamKey: string; displayName: string; status: 'reused' | 'created'; channel: TeamChannel }
  | { teamKey: string; displayName: string; status: 'would-create' | 'refused' }
  | { teamKey: string; displayName: string; status: 'failed'; error: string; attempts: number };

/** Why the service refused to go on: a missing permission, reported to the organiser. */
export interface ChannelRefusal {
  /** The permission the app lacks, when the service said which. */
  permission: string | undefined;
  error: string;
}

/** Every wanted channel's outcome, and the refusal that stopped channel work, if any. */
export interface ProvisionResult {
  outcomes: ChannelOutcome[];
  refusal?: ChannelRefusal;
}

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
 * failing does not stop the others; throttled or server errors are retried with backoff. A
 * refusal for lack of consent (403), or a team the service does not know (404 on the list),
 * stops the channel work: the teams without a channel are `refused` and get a thread instead.
 */
export async function provisionTeamChannels(
  provisioner: ChannelProvisioner,
  teamGroupId: string,
  wanted: readonly WantedChannel[],
  options: ProvisionOptions,
): Promise<ProvisionResult> {
  const maxAttempts = options.maxAttempts ?? MAX_CHANNEL_ATTEMPTS;
  let refusal: ChannelRefusal | undefined;
  let existing: TeamChannel[];
  try {
    existing = await withRetry(
      () => provisioner.listChannels(teamGroupId),
      maxAttempts,
      options.wait,
    );
  } catch (error) {
    refusal = toRefusal(error, [403, 404]);
    if (refusal === undefined) throw error;
    return {
      outcomes: wanted.map((channel) => ({ ...base(channel), status: 'refused' })),
      refusal,
    };
  }
  const outcomes: ChannelOutcome[] = [];
  for (const channel of wanted) {
    const found = existing.find((c) => isSameChannelName(c.displayName, channel.displayName));
    if (found !== undefined) {
      outcomes.push({ ...base(channel), status: 'reused', channel: found });
    } else if (options.dryRun) {
      outcomes.push({ ...base(channel), status: 'would-create' });
    } else if (refusal !== undefined) {
      // Refused once for lack of consent: every other creation would be refused the same way.
      outcomes.push({ ...base(channel), status: 'refused' });
    } else {
      outcomes.push(await createOne(channel));
    }
    options.onProgress?.(outcomes.length, wanted.length);
  }
  return refusal === undefined ? { outcomes } : { outcomes, refusal };

  async function createOne(channel: WantedChannel): Promise<ChannelOutcome> {
    let attempts = 0;
    for (;;) {
      attempts += 1;
      try {
        const created = await provisioner.createChannel(
          teamGroupId,
          channel.displayName,
          channel.description,
        );
        existing = [...existing, created];
        return { ...base(channel), status: 'created', channel: created };
      } catch (error) {
        if (error instanceof ChannelProvisioningError && error.status === 409) {
          // Created meanwhile (another run, or a person): reuse it rather than fail.
          existing = await withRetry(
            () => provisioner.listChannels(teamGroupId),
            maxAttempts,
            options.wait,
          );
          const found = existing.find((c) => isSameChannelName(c.displayName, channel.displayName));
          if (found !== undefined) return { ...base(channel), status: 'reused', channel: found };
        }
        refusal = toRefusal(error, [403]);
        if (refusal !== undefined) return { ...base(channel), status: 'refused' };
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

/** The refusal an error stands for, when its status is one of `statuses`. */
function toRefusal(error: unknown, statuses: readonly number[]): ChannelRefusal | undefined {
  if (!(error instanceof ChannelProvisioningError)) return undefined;
  if (error.status === undefined || !statuses.includes(error.status)) return undefined;
  return { permission: error.missingPermission, error: error.message };
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
