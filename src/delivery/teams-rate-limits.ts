/** At most `limit` requests in any `windowMs` milliseconds. */
export interface SlidingWindow {
  limit: number;
  windowMs: number;
}

/** The pace the delivery worker keeps, per conversation and per tenant. */
export interface RateLimits {
  /** Every window applies at once to each conversation (Teams calls it a thread). */
  perConversation: readonly SlidingWindow[];
  /** Every request of the bot in a tenant, conversation creation included. */
  perTenant: readonly SlidingWindow[];
}

// The numbers below are Microsoft's documented limits for Teams bots, "Rate limiting for bots":
// https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit (per bot per thread,
// operation "Send to conversation", and the global limit per app per tenant). Microsoft says they
// may change, so they are configuration (see RateLimits), not facts baked into the code.

/** Per-thread limit, 1-second window: 7 messages. */
export const CONVERSATION_LIMIT_PER_SECOND: SlidingWindow = { limit: 7, windowMs: 1_000 };
/** Per-thread limit, 2-second window: 8 messages. */
export const CONVERSATION_LIMIT_PER_2_SECONDS: SlidingWindow = { limit: 8, windowMs: 2_000 };
/** Per-thread limit, 30-second window: 60 messages. */
export const CONVERSATION_LIMIT_PER_30_SECONDS: SlidingWindow = { limit: 60, windowMs: 30_000 };
/** Per-thread limit, 3,600-second window: 1,800 messages. */
export const CONVERSATION_LIMIT_PER_HOUR: SlidingWindow = { limit: 1_800, windowMs: 3_600_000 };
/** Global limit per app per tenant: 50 requests per second. */
export const TENANT_LIMIT_PER_SECOND: SlidingWindow = { limit: 50, windowMs: 1_000 };

/** Microsoft's documented Teams limits; several instances sharing a tenant should each get a share of them. */
export const TEAMS_RATE_LIMITS: RateLimits = {
  perConversation: [
    CONVERSATION_LIMIT_PER_SECOND,
    CONVERSATION_LIMIT_PER_2_SECONDS,
    CONVERSATION_LIMIT_PER_30_SECONDS,
    CONVERSATION_LIMIT_PER_HOUR,
  ],
  perTenant: [TENANT_LIMIT_PER_SECOND],
};
