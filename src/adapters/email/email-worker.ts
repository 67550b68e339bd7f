import { GraphRequestError } from '../graph/graph-request';
import type { Clock } from '../../core/ports/clock';
import type { EmailDeliveryStore, EmailRow } from '../../core/ports/email-delivery-store';
import { createTranslator, toLanguage } from '../../i18n/translate';
import type { RandomSource } from '../../delivery/random-source';
import { NO_ADDRESS_REASON } from './email-fallback';
import type { AddressBook, MailSender } from './mail-ports';
import { renderEmail } from './render-email';

/**
 * One e-mail every 2 s at most: Exchange Online accepts 30 messages per minute from one mailbox
 * ("Exchange Online limits", sending limits), and all these e-mails leave from the Lab's.
 */
export const EMAIL_INTERVAL_MS = 2_000;

/** E-mails claimed at a time: one minute of sending at that pace. */
export const EMAIL_CLAIM_BATCH = 30;

/** A claim holds 5 minutes, far more than a batch takes (30 sends at 2 s, each under 30 s). */
export const EMAIL_LEASE_MS = 5 * 60_000;

/** Nothing due: look again after 5 s (an e-mail is already a late route; seconds do not matter). */
export const EMAIL_IDLE_POLL_MS = 5_000;

/**
 * Tries ending in a transient failure (503, no connection) before giving up, as the outbox: with
 * the backoff below, waits whose ceilings add up to about 13 minutes of Graph outage.
 */
export const EMAIL_MAX_ATTEMPTS = 10;

/** 429 answers before giving up: a mailbox throttled for that long has a problem to look at. */
export const EMAIL_MAX_THROTTLES = 50;

/** Backoff after a transient failure: 2 s doubling, capped at 5 minutes, with full jitter. */
const BACKOFF_BASE_MS = 2_000;
const BACKOFF_CAP_MS = 5 * 60_000;

/** A 429 without Retry-After waits this long (Graph nearly always gives one). */
const DEFAULT_THROTTLE_MS = 30_000;

/** What became of one e-mail in one try, for logs (no address, no content) and tests. */
export interface EmailOutcome {
  key: string;
  outcome: 'sent' | 'retry' | 'failed' | 'released';
  reason?: string;
}

/** What the e-mail worker needs. */
export interface EmailWorkerOptions {
  store: EmailDeliveryStore;
  sender: MailSender;
  addresses: AddressBook;
  clock: Clock;
  owner: string;
  /** The Teams deep link back to the bot, put in every e-mail. */
  teamsLink: string;
  intervalMs?: number;
  batchSize?: number;
  leaseMs?: number;
  idlePollMs?: number;
  random?: RandomSource;
  /** Waits (pacing, idle polls); tests give one that moves their clock. */
  sleep?: (ms: number) => Promise<void>;
  onOutcome?: (outcome: EmailOutcome) => void;
  onError?: (error: unknown) => void;
}

/**
 * Sends the queued e-mails through the Lab's mailbox: claims due rows with a lease, paces them
 * (EMAIL_INTERVAL_MS apart, and none while Graph's Retry-After runs), marks each `sending` before
 * the call so a crash never makes it go twice, and records sent, retry or failed with the reason.
 */
export class EmailWorker {
  private stopping = false;
  private loop: Promise<void> | undefined;
  private lastSendAt = Number.NEGATIVE_INFINITY;
  /** The mailbox was answered 429: nothing is sent before this instant. */
  private throttledUntil = 0;
  private readonly sleepers = new Set<() => void>();

  constructor(private readonly options: EmailWorkerOptions) {}

  start(): void {
    if (this.loop !== undefined) return;
    this.stopping = false;
    this.loop = this.run();
  }

  /** Wakes an idle worker, e.g. right after an e-mail was queued. */
  wake(): void {
    if (this.options.sleep !== undefined) return;
    for (const wake of [...this.sleepers]) wake();
  }

  /** Lets the send under way finish and be recorded; claimed rows not sent yet are released. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const wake of [...this.sleepers]) wake();
    await this.loop;
    this.loop = undefined;
  }

  /** Claims due e-mails and sends them one by one at the mailbox's pace; returns how many were claimed. */
  async runOnce(): Promise<number> {
    const { store, clock, owner } = this.options;
    const leaseMs = this.options.leaseMs ?? EMAIL_LEASE_MS;
    const claimedAt = clock.now().getTime();
    if (claimedAt < this.throttledUntil) return 0;
    const rows = await store.claimDue(
      new Date(claimedAt),
      this.options.batchSize ?? EMAIL_CLAIM_BATCH,
      owner,
      leaseMs,
    );
    for (const row of rows) {
      const wait = this.nextSlot() - clock.now().getTime();
      if (wait > 0 && !this.stopping) await this.pause(wait);
      // Sending past half the lease could outlive it: another instance may take the row then.
      const late = clock.now().getTime() > claimedAt + leaseMs / 2;
      if (this.stopping || late) {
        await store.release(row.idempotencyKey, owner, new Date(this.nextSlot()));
        this.options.onOutcome?.({ key: row.idempotencyKey, outcome: 'released' });
        continue;
      }
      try {
        await this.send(row);
      } catch (error) {
        // A database failure: the lease runs out and the row is claimed again (or, if it was
        // left `sending`, failed rather than sent twice).
        this.options.onError?.(error);
      }
    }
    return rows.length;
  }

  private nextSlot(): number {
    return Math.max(
      this.lastSendAt + (this.options.intervalMs ?? EMAIL_INTERVAL_MS),
      this.throttledUntil,
    );
  }

  private async send(row: EmailRow): Promise<void> {
    const { store, clock, owner } = this.options;
    const key = row.idempotencyKey;
    let address: string | undefined;
    try {
      address = await this.options.addresses.findEmail(row.recipientAadId);
    } catch (error) {
      return this.retryOrFail(row, error, 'address not looked up');
    }
    if (address === undefined) {
      await store.markFailed(key, owner, NO_ADDRESS_REASON, clock.now());
      this.options.onOutcome?.({ key, outcome: 'failed', reason: 'no address' });
      return;
    }
    const language = toLanguage(row.language);
    const { subject, html } = renderEmail(row.payload, {
      t: createTranslator(language),
      language,
      cause: row.cause,
      teamsLink: this.options.teamsLink,
    });
    if (!(await store.markSending(key, owner))) return;
    this.lastSendAt = clock.now().getTime();
    try {
      await this.options.sender.send({ to: address, subject, html });
    } catch (error) {
      return this.retryOrFail(row, error, 'Graph sendMail');
    }
    await store.markSent(key, owner, clock.now());
    this.options.onOutcome?.({ key, outcome: 'sent' });
  }

  /**
   * 429: wait for Retry-After, the whole mailbox with it. 503, 502, 504 or no connection at all:
   * Graph did not take the e-mail, so back off and try again. A timeout or a reset: Graph may
   * have taken it, so it is failed rather than risk a second e-mail. Anything else (400, 403
   * without Mail.Send or outside the access policy, 404 unknown mailbox): failed, with Graph's words.
   */
  private async retryOrFail(row: EmailRow, error: unknown, what: string): Promise<void> {
    const { store, clock, owner } = this.options;
    const key = row.idempotencyKey;
    const now = clock.now().getTime();
    const graph = error instanceof GraphRequestError ? error : undefined;
    if (graph === undefined) this.options.onError?.(error);
    const reason = `${what}: ${error instanceof Error ? error.message : String(error)}`;
    if (graph?.status === 429 && row.throttles + 1 < EMAIL_MAX_THROTTLES) {
      const retryAt = now + (graph.retryAfterSeconds ?? DEFAULT_THROTTLE_MS / 1000) * 1000;
      this.throttledUntil = Math.max(this.throttledUntil, retryAt);
      await store.markRetry(key, owner, new Date(retryAt), reason, 'throttle');
      this.options.onOutcome?.({ key, outcome: 'retry', reason: '429' });
      return;
    }
    const transient =
      graph === undefined
        ? what === 'address not looked up'
        : [502, 503, 504].includes(graph.status) ||
          (graph.status === 0 && graph.code === 'NotConnected');
    if (transient && row.attempts + 1 < EMAIL_MAX_ATTEMPTS) {
      const random = this.options.random ?? Math.random;
      const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** row.attempts);
      const retryAfter = graph?.retryAfterSeconds;
      const delay = retryAfter !== undefined ? retryAfter * 1000 : Math.round(random() * ceiling);
      await store.markRetry(key, owner, new Date(now + delay), reason, 'failure');
      this.options.onOutcome?.({ key, outcome: 'retry', reason: String(graph?.status ?? what) });
      return;
    }
    await store.markFailed(key, owner, reason, clock.now());
    this.options.onOutcome?.({ key, outcome: 'failed', reason: String(graph?.status ?? what) });
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let claimed = 0;
      try {
        claimed = await this.runOnce();
      } catch (error) {
        this.options.onError?.(error);
      }
      if (claimed === 0 && !this.stopping) {
        await this.pause(this.options.idlePollMs ?? EMAIL_IDLE_POLL_MS);
      }
    }
  }

  /** Sleeps, but wakes early on stop(). */
  private pause(ms: number): Promise<void> {
    if (this.options.sleep !== undefined) return this.options.sleep(ms);
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      this.sleepers.add(done);
    });
  }
}
