import {
  ChannelProvisioningError,
  type ChannelKind,
  type ChannelProvisioner,
  type TeamChannel,
} from '../ports/channel-provisioner';
import { isSameChannelName, toFreeChannelName } from './to-channel-name';

/** Attempts per channel before it is reported failed; throttling and server errors only. */
export const MAX_CHANNEL_ATTEMPTS = 4;
/** First wait between attempts when the service gives no Retry-After; doubles each time. */
export const BASE_RETRY_DELAY_MS = 1_000;

/** One channel to have: the formed team it is for, its name and description. */
export interface WantedChannel {
  teamKey: string;
  displayName: string;
  description: string;
  /** A private or shared channel and its owner; absent: a standard channel. */
  kind?: ChannelKind;
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
  /**
   * The channels the bot created for this programme before (id, and the team name they were made
   * for), and where to record new ones: only those are reused, so a team named like someone
   * else's channel never takes it over.
   */
  own: { channels: readonly TeamChannel[]; record: (channel: TeamChannel) => Promise<void> };
}

/**
 * Makes sure each formed team has its channel in the programme's Teams team. Idempotent: a
 * channel the bot created for the programme is reused, so running it again creates nothing
 * twice; a channel someone else made is never taken over, whatever its name. One channel
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
  // What the bot created for the programme, by the team name it was made for (the channel may
  // carry a " (2)" when the name was someone else's).
  const own = [...options.own.channels];
  /** The programme's own channel for this team name, which exists still. */
  const findOwn = (name: string): TeamChannel | undefined => {
    const ids = new Set(own.filter((c) => isSameChannelName(c.displayName, name)).map((c) => c.id));
    return existing.find((c) => ids.has(c.id));
  };
  const outcomes: ChannelOutcome[] = [];
  for (const channel of wanted) {
    const found = findOwn(channel.displayName);
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
      // A name someone else's channel has is left to it: the team gets "Name (2)".
      const name = toFreeChannelName(
        channel.displayName,
        existing.map((c) => c.displayName),
      );
      try {
        const created = await provisioner.createChannel(
          teamGroupId,
          name,
          channel.description,
          channel.kind,
        );
        if (created.membershipType === undefined && channel.kind !== undefined) {
          created.membershipType = channel.kind.membershipType;
        }
        existing = [...existing, created];
        const record = { id: created.id, displayName: channel.displayName };
        own.push(record);
        await options.own.record(record);
        return { ...base(channel), status: 'created', channel: created };
      } catch (error) {
        if (error instanceof ChannelProvisioningError && error.status === 409) {
          // Created meanwhile (another run of ours, or a person): ours is reused, another's
          // name is avoided on the next attempt.
          existing = await withRetry(
            () => provisioner.listChannels(teamGroupId),
            maxAttempts,
            options.wait,
          );
          const found = findOwn(channel.displayName);
          if (found !== undefined) return { ...base(channel), status: 'reused', channel: found };
          if (attempts < maxAttempts) continue;
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
