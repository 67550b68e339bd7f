import type { OutboxPayload } from './outbox-store';

/**
 * Why a message goes by e-mail: Teams refused the person for good (the outbox marked the message
 * unreachable), the bot had no way at all to reach them in Teams, or their organisation is not on
 * Teams yet (organisations catalogue), so Teams is not even tried.
 */
export type EmailCause = 'teams-unreachable' | 'no-teams-route' | 'not-on-teams';

/**
 * pending until sent; `sending` while Graph has the request (a row found there after a crash is
 * failed, never sent again: nobody gets one message twice); `failed` when Graph refused or retries
 * are spent; `skipped` when no e-mail could be tried at all (no sender configured, no address).
 */
export type EmailState = 'pending' | 'sending' | 'sent' | 'failed' | 'skipped';

/** A message to send by e-mail, keyed by the outbox message it stands for. */
export interface EmailRequest {
  /** The outbox key of the message: one e-mail per message at most, whatever happens. */
  idempotencyKey: string;
  recipientAadId: string;
  /** The recipient's language ('fr' or 'en'), for the e-mail's own words. */
  language: string;
  /** The card as rendered for Teams, turned into the e-mail when it is sent. */
  payload: OutboxPayload;
  cause: EmailCause;
  /** Why Teams could not deliver it (the outbox's reason), when it was tried. */
  teamsReason: string | null;
  /** Not sent before this instant (a notice scheduled for 09:30); absent: at once. */
  notBefore?: Date;
}

/** A message's e-mail and where it stands. The payload is emptied once it is done. */
export interface EmailRow extends EmailRequest {
  state: EmailState;
  /** Why it failed or was skipped, or the last transient error before a retry. */
  reason: string | null;
  /** Tries that ended in a transient error (503, a connection refused). */
  attempts: number;
  /** Tries answered 429. */
  throttles: number;
  nextAttemptAt: Date;
  leaseOwner: string | null;
  leaseUntil: Date | null;
  createdAt: Date;
  completedAt: Date | null;
}

/**
 * The e-mails that stand in for Teams messages. One row per outbox key, claimed with a lease like
 * the outbox; a claim takes nothing while another owner holds a live lease, so one instance sends
 * at a time and the mailbox's pace holds for all instances.
 */
export interface EmailDeliveryStore {
  /** Queues an e-mail; false (nothing changed) when the key already has one. */
  enqueue(request: EmailRequest, now: Date): Promise<boolean>;
  /** Records that no e-mail is sent for this message, and why; false when the key has a row. */
  recordSkipped(request: EmailRequest, reason: string, now: Date): Promise<boolean>;
  /**
   * Fails the rows left in `sending` by an owner whose lease ran out (a crash during the send:
   * whether Graph took it is unknown, so it is not sent again), then leases up to `limit` due
   * pending rows, unless another owner holds a live lease.
   */
  claimDue(now: Date, limit: number, leaseOwner: string, leaseMs: number): Promise<EmailRow[]>;
  /** The send is about to start: from here a crash means failed, never a second e-mail. */
  markSending(key: string, leaseOwner: string): Promise<boolean>;
  markSent(key: string, leaseOwner: string, at: Date): Promise<boolean>;
  /** Graph said "later" (429, 503): back to pending until `nextAttemptAt`. */
  markRetry(
    key: string,
    leaseOwner: string,
    nextAttemptAt: Date,
    reason: string,
    kind: 'failure' | 'throttle',
  ): Promise<boolean>;
  markFailed(key: string, leaseOwner: string, reason: string, at: Date): Promise<boolean>;
  /** Ends the lease of a row not sent yet (the worker stops). */
  release(key: string, leaseOwner: string, nextAttemptAt: Date): Promise<boolean>;
  get(key: string): Promise<EmailRow | undefined>;
  /** The rows created since `since`, oldest first, without their payloads: the digest's routes. */
  listSince(since: Date, limit: number): Promise<EmailRow[]>;
}
