import type { RandomSource } from './random-source';

/** What went wrong with one Bot Connector request: an HTTP answer, or no answer at all (`status` absent). */
export interface ConnectorFailure {
  status?: number;
  /** The `error.code` of the Bot Connector's JSON answer, e.g. MessageWritesBlocked. */
  code?: string;
  /** The 429 answer's Retry-After, already converted to milliseconds. */
  retryAfterMs?: number;
}

/** Past tries of one message: transient failures and 429s are counted apart. */
export interface RetryHistory {
  /** Transient failures so far (412, 502, 503, 504, network), this one not included. */
  failures: number;
  /** 429 answers so far, this one not included. */
  throttles: number;
}

/** What to do with a message after a failure. */
export type RetryDecision =
  | { action: 'retry'; delayMs: number; throttled: boolean }
  | { action: 'failed'; reason: string }
  | { action: 'unreachable'; reason: string };

/** Tuning of the retry policy; the constants below by default. */
export interface RetryPolicy {
  /** Tries before a transiently failing message is `failed`. */
  maxAttempts: number;
  /** 429 answers before a message is `failed`. */
  maxThrottles: number;
  baseDelayMs: number;
  maxDelayMs: number;
  throttleBaseDelayMs: number;
  throttleMaxDelayMs: number;
  maxRetryAfterMs: number;
}

// Microsoft asks bots to retry 429 and also 412, 502 and 504 ("Rate limiting for bots",
// learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit); 503 is the same kind of
// passing overload on the gateway in front of the Bot Connector.
const TRANSIENT_STATUSES = new Set([412, 502, 503, 504]);

// 403 codes meaning nobody will ever read the message: the user blocked the bot or removed the app.
const BLOCKED_CODES = new Set([
  'MessageWritesBlocked',
  'ConversationBlockedByUser',
  'BotNotInConversationRoster',
]);

/** 10 tries, delays doubling from 2 s and capped at 5 min: a Bot Connector outage of up to about 13 minutes is ridden out. */
export const MAX_DELIVERY_ATTEMPTS = 10;
/** First backoff step for transient errors: Bot Connector gateway errors usually clear within seconds. */
export const RETRY_BASE_DELAY_MS = 2_000;
/** Longest backoff: the worker keeps other messages moving meanwhile, so waiting longer gains nothing. */
export const RETRY_MAX_DELAY_MS = 5 * 60_000;
/** 429s only say "not now": many are tolerated, but a message throttled this often is reported, not looped on. */
export const MAX_DELIVERY_THROTTLES = 50;
/** Backoff for a 429 without Retry-After starts at 1 s, the granularity of Teams' shortest window. */
export const THROTTLE_BASE_DELAY_MS = 1_000;
/** ...and stops growing at 1 min, twice Teams' 30-second window. */
export const THROTTLE_MAX_DELAY_MS = 60_000;
/** A Retry-After longer than an hour (Teams' longest window) is treated as one hour, so a bad header cannot stall a tenant for days. */
export const MAX_RETRY_AFTER_MS = 3_600_000;

/** The policy the delivery worker uses unless told otherwise. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: MAX_DELIVERY_ATTEMPTS,
  maxThrottles: MAX_DELIVERY_THROTTLES,
  baseDelayMs: RETRY_BASE_DELAY_MS,
  maxDelayMs: RETRY_MAX_DELAY_MS,
  throttleBaseDelayMs: THROTTLE_BASE_DELAY_MS,
  throttleMaxDelayMs: THROTTLE_MAX_DELAY_MS,
  maxRetryAfterMs: MAX_RETRY_AFTER_MS,
};

/**
 * "Full jitter" (AWS Architecture Blog, "Exponential Backoff And Jitter", 2015): a uniform delay
 * between 0 and the exponential ceiling, which spreads retries of a burst of failures the most.
 */
function fullJitter(step: number, base: number, cap: number, random: RandomSource): number {
  const ceiling = Math.min(cap, base * 2 ** Math.min(step, 30));
  return Math.floor(random() * ceiling);
}

/**
 * Decides what happens after a failed Bot Connector request: retry later (429 and transient
 * errors), give up (`failed`), or stop for good because the recipient cannot be reached.
 */
export function decideRetry(
  failure: ConnectorFailure,
  history: RetryHistory,
  random: RandomSource,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): RetryDecision {
  const { status, code } = failure;
  if (status === 403 && code !== undefined && BLOCKED_CODES.has(code)) {
    return { action: 'unreachable', reason: `403 ${code}` };
  }
  if (status === 404) {
    return { action: 'unreachable', reason: `404 ${code ?? 'conversation not found'}` };
  }
  if (status === 429) {
    if (history.throttles + 1 >= policy.maxThrottles) {
      return { action: 'failed', reason: `429 answered ${history.throttles + 1} times` };
    }
    const delayMs =
      failure.retryAfterMs !== undefined
        ? Math.min(Math.max(0, failure.retryAfterMs), policy.maxRetryAfterMs)
        : fullJitter(
            history.throttles,
            policy.throttleBaseDelayMs,
            policy.throttleMaxDelayMs,
            random,
          );
    return { action: 'retry', delayMs, throttled: true };
  }
  if (status === undefined || TRANSIENT_STATUSES.has(status)) {
    const label = status === undefined ? 'network error' : String(status);
    if (history.failures + 1 >= policy.maxAttempts) {
      return { action: 'failed', reason: `${label} after ${history.failures + 1} attempts` };
    }
    const delayMs = fullJitter(history.failures, policy.baseDelayMs, policy.maxDelayMs, random);
    return { action: 'retry', delayMs, throttled: false };
  }
  return { action: 'failed', reason: `${status}${code === undefined ? '' : ` ${code}`}` };
}
