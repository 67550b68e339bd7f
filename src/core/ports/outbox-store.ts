/**
 * Where a proactive message goes: a stored conversation (a personal chat, a group chat or a
 * channel), a user reached through a new 1:1 chat, which Teams allows in a team where the
 * bot is installed, or a user the bot installs itself for (Graph) before sending, when Graph
 * could not do it as the message was queued (throttled, unavailable).
 */
export type OutboxTarget =
  | { kind: 'conversation'; conversationId: string }
  | { kind: 'user'; userAadId: string; tenantId: string; teamId: string }
  | { kind: 'install'; userAadId: string };

/** What is sent: plain text, or an Adaptive Card with the text Teams shows in notifications. */
export type OutboxPayload =
  | { kind: 'text'; text: string }
  | { kind: 'card'; card: Record<string, unknown>; summary?: string };

/** pending until delivered (sent), given up on (failed) or refused for good by Teams (unreachable). */
export type OutboxState = 'pending' | 'sent' | 'failed' | 'unreachable';

/** A message to queue. */
export interface OutboxMessage {
  /** Unique per message, e.g. `checkin:2026-10:team-7:lead`; queueing the same key twice is a no-op. */
  idempotencyKey: string;
  target: OutboxTarget;
  payload: OutboxPayload;
  /** Not delivered before this instant (09:30 on the first working day, in the recipient's zone). */
  notBefore: Date;
  /** Groups the messages of one bulk send, for its progress report. */
  batchId?: string | null;
}

/** A queued message and where its delivery stands. */
export interface OutboxRow extends OutboxMessage {
  batchId: string | null;
  state: OutboxState;
  /** Tries that ended in a transient error (412, 5xx, network). */
  attempts: number;
  /** Tries answered 429, counted apart: they say "later", not "broken". */
  throttles: number;
  /** Not claimed again before this instant. */
  nextAttemptAt: Date;
  leaseOwner: string | null;
  leaseUntil: Date | null;
  /** The conversation it was delivered to (for a user target, the 1:1 chat Teams gave us). */
  conversationId: string | null;
  /** Teams' id of the delivered activity, to update the card in place later. */
  activityId: string | null;
  lastError: string | null;
  createdAt: Date;
  /** When it was sent, failed or found unreachable. */
  completedAt: Date | null;
}

/** How a try ended in a retry: a transient error, or a 429. */
export type RetryKind = 'failure' | 'throttle';

/** Number of messages in each state. */
export type OutboxCounts = Record<OutboxState, number>;

/**
 * The outbox every proactive message goes through, shared by all instances. Claims are leases:
 * a message claimed by an instance that dies is claimed again once the lease runs out.
 * Every `mark…` by an owner whose lease was taken over changes nothing and returns false,
 * except `markSent`, which records any delivery of a still-pending message.
 */
export interface OutboxStore {
  /** Queues a message; false (and nothing changed) when its key is already queued. */
  enqueue(message: OutboxMessage, now: Date): Promise<boolean>;
  /** Queues many messages at once; returns how many were new. */
  enqueueMany(messages: readonly OutboxMessage[], now: Date): Promise<number>;
  /**
   * Leases up to `limit` pending messages due at `now` (not-before and next attempt passed, no
   * live lease) to `leaseOwner` for `leaseMs`, first due first (by not-before time, then queueing
   * time: a retried message keeps its place in line). No two callers get the same row,
   * and no message goes to a caller while another owner holds a live lease on a message to the
   * same target: a conversation is sent to by one instance at a time.
   */
  claimDue(now: Date, limit: number, leaseOwner: string, leaseMs: number): Promise<OutboxRow[]>;
  /** Records the delivery: state sent, Teams' activity id and the conversation used. */
  markSent(
    key: string,
    delivery: { activityId: string; conversationId: string },
    at: Date,
  ): Promise<boolean>;
  /** Ends the lease and schedules another try; counts it as a failure or a throttle. */
  markRetry(
    key: string,
    leaseOwner: string,
    nextAttemptAt: Date,
    error: string,
    kind: RetryKind,
  ): Promise<boolean>;
  /** Ends the lease without counting a try (the worker stopped, or waited for a rate limit). */
  release(key: string, leaseOwner: string, nextAttemptAt: Date): Promise<boolean>;
  /** Gives up: retries are spent or the error is permanent. */
  markFailed(key: string, leaseOwner: string, error: string, at: Date): Promise<boolean>;
  /** Teams refuses the recipient for good (blocked the bot, removed the app, chat gone). */
  markUnreachable(key: string, leaseOwner: string, error: string, at: Date): Promise<boolean>;
  get(key: string): Promise<OutboxRow | undefined>;
  /** Messages per state, overall or for one bulk send. */
  countByState(batchId?: string): Promise<OutboxCounts>;
  /** Unreachable messages, most recent first, to report to the Lab team. */
  listUnreachable(limit: number): Promise<OutboxRow[]>;
}
