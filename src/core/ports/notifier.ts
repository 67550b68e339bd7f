import type { ReachFailure } from './reach-log';
/**
 * Something the bot tells a person on its own initiative. The core says what happened; the Teams
 * adapter renders it as a card in the recipient's language when it is delivered.
 */
export interface Notice {
  /** Namespaced kind, e.g. 'candidacy.decision'; the adapter has one renderer per kind. */
  kind: string;
  /** Plain data the renderer needs (ids, dates as YYYY-MM-DD or ISO strings, numbers). */
  data: Record<string, unknown>;
}

/** Who receives a notice: a person (reached in personal chat) or a stored conversation. */
export type NoticeRecipient =
  { kind: 'user'; aadId: string } | { kind: 'conversation'; conversationId: string };

/**
 * Raised when a notice cannot be queued because its recipient cannot be reached (or it has no
 * card); the message says why. A use case may catch it to tell someone else.
 */
export class UndeliverableNoticeError extends Error {
  override name = 'UndeliverableNoticeError';
  constructor(
    message: string,
    /** Why, as a code the Lab digest counts by; absent for a notice with no card. */
    readonly failure?: ReachFailure,
  ) {
    super(message);
  }
}

/**
 * Queues notices for delivery. The idempotency key makes a repeated call harmless: a key that
 * was already queued changes nothing (e.g. `decision:defi-2026:cand-42:accepted`).
 */
export interface Notifier {
  notify(
    idempotencyKey: string,
    recipient: NoticeRecipient,
    notice: Notice,
    notBefore?: Date,
  ): Promise<void>;
}

/** One notice of a bulk send. */
export interface BulkNotice {
  idempotencyKey: string;
  recipient: NoticeRecipient;
  notice: Notice;
  notBefore?: Date;
}

/**
 * Queues many notices as one bulk send. With `shownTo` (the conversation of the person who
 * started it), a large send is followed there by a progress card updated in place.
 */
export interface BulkNotifier {
  notifyBulk(
    batch: { id: string; label: string; shownTo?: string },
    notices: readonly BulkNotice[],
  ): Promise<{ queued: number; undelivered: number }>;
}
