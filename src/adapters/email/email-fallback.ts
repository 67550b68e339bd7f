import type { Clock } from '../../core/ports/clock';
import type { ConversationStore } from '../../core/ports/conversation-store';
import type { EmailDeliveryStore, EmailRequest } from '../../core/ports/email-delivery-store';
import type { OutboxRow } from '../../core/ports/outbox-store';
import { toLanguage } from '../../i18n/translate';
import type { AddressBook } from './mail-ports';

/** Why the e-mail fallback is off, recorded on each message it would have sent. */
export type EmailFallbackOff = 'no-graph' | 'no-sender';

/** The recorded reasons for a fallback that is off. */
export const FALLBACK_OFF_REASONS: Record<EmailFallbackOff, string> = {
  'no-graph': 'e-mail fallback off: no Microsoft Graph identity (GRAPH_*)',
  'no-sender': 'e-mail fallback off: no mailbox to send from (GRAPH_MAIL_SENDER)',
};

/**
 * A person's organisation, found from their address, is remembered this long: a bulk send to a
 * thousand people then costs a thousand lookups once, not at every notice of the day.
 */
const ORGANISATION_CACHE_MS = 10 * 60_000;

/** People remembered at most; then the memory is dropped and rebuilt. */
const MAX_CACHED_PEOPLE = 10_000;

/** Why a person is not written to: nobody knows their address. */
export const NO_ADDRESS_REASON = 'no e-mail address known for the person';

/** The people directory first, then Microsoft Entra: a person's address, if anyone knows it. */
export function chainAddressBooks(...books: readonly (AddressBook | undefined)[]): AddressBook {
  return {
    findEmail: async (aadId) => {
      for (const book of books) {
        const found = await book?.findEmail(aadId);
        if (found !== undefined) return found;
      }
      return undefined;
    },
  };
}

/**
 * Decides when a message goes by e-mail and queues it: after Teams refused a person for good,
 * when the bot has no way at all to reach them in Teams, and at once for people of an
 * organisation not on Teams yet. Off (no Graph, no sender), it queues nothing and records why
 * on each message it would have sent, for the Lab digest.
 */
export class EmailFallback {
  private queued: (() => void) | undefined;
  /** Whose organisation is not on Teams, as found lately (a bulk send looks each person up once). */
  private readonly organisationCache = new Map<string, { notOnTeams: boolean; at: number }>();

  constructor(
    private readonly deps: {
      store: EmailDeliveryStore;
      conversations: ConversationStore;
      addresses: AddressBook;
      clock: Clock;
      /** Undefined: on. */
      off: EmailFallbackOff | undefined;
      /** The e-mail domains of organisations not on Teams yet (lower case). */
      notOnTeamsDomains: readonly string[];
    },
  ) {}

  /** Called after each e-mail queued, e.g. to wake the e-mail worker. */
  whenQueued(listener: () => void): void {
    this.queued = listener;
  }

  get active(): boolean {
    return this.deps.off === undefined;
  }

  /**
   * The delivery worker found a message unreachable: a person's message is sent by e-mail (or
   * the reason it is not is recorded); a channel's or a group chat's is not anyone's to e-mail.
   * True when the e-mail is queued (it will be tried).
   */
  async afterTeamsUnreachable(row: OutboxRow, reason: string): Promise<boolean> {
    const person = await this.personOf(row);
    if (person === undefined) return false;
    return this.queue({
      idempotencyKey: row.idempotencyKey,
      recipientAadId: person.aadId,
      language: toLanguage(person.locale),
      payload: row.payload,
      cause: 'teams-unreachable',
      teamsReason: reason,
    });
  }

  /**
   * Queues the e-mail, or records why none is sent. True when it is queued (or was already): the
   * message will be tried by e-mail.
   */
  async queue(request: EmailRequest): Promise<boolean> {
    const now = this.deps.clock.now();
    if (this.deps.off !== undefined) {
      await this.deps.store.recordSkipped(request, FALLBACK_OFF_REASONS[this.deps.off], now);
      return false;
    }
    if (await this.deps.store.enqueue(request, now)) this.queued?.();
    const row = await this.deps.store.get(request.idempotencyKey);
    return row !== undefined && row.state !== 'skipped';
  }

  /**
   * For a person the bot has no way to reach in Teams: queues the e-mail when it can be tried
   * (on, and their address known) and returns true; otherwise records why not and returns false.
   */
  async queueIfReachable(request: EmailRequest): Promise<boolean> {
    if (this.deps.off === undefined && !(await this.canReach(request.recipientAadId))) {
      await this.deps.store.recordSkipped(request, NO_ADDRESS_REASON, this.deps.clock.now());
      return false;
    }
    return this.queue(request);
  }

  /**
   * True when the person belongs to an organisation not on Teams yet (their address's domain is
   * one of its domains) and the fallback is on: the notifier then sends by e-mail only.
   */
  async isNotOnTeams(aadId: string): Promise<boolean> {
    if (!this.active || this.deps.notOnTeamsDomains.length === 0) return false;
    const now = this.deps.clock.now().getTime();
    const key = aadId.toLowerCase();
    const known = this.organisationCache.get(key);
    if (known !== undefined && now - known.at < ORGANISATION_CACHE_MS) return known.notOnTeams;
    const address = await this.deps.addresses.findEmail(aadId);
    const domain = address?.split('@')[1]?.toLowerCase();
    const notOnTeams = domain !== undefined && this.deps.notOnTeamsDomains.includes(domain);
    if (this.organisationCache.size >= MAX_CACHED_PEOPLE) this.organisationCache.clear();
    this.organisationCache.set(key, { notOnTeams, at: now });
    return notOnTeams;
  }

  /** True when an e-mail to this person can be tried now (on, and their address is known). */
  async canReach(aadId: string): Promise<boolean> {
    if (!this.active) return false;
    return (await this.deps.addresses.findEmail(aadId)) !== undefined;
  }

  private async personOf(
    row: OutboxRow,
  ): Promise<{ aadId: string; locale: string | null } | undefined> {
    const { conversations } = this.deps;
    if (row.target.kind === 'user' || row.target.kind === 'install') {
      const context = await conversations.getUserContext(row.target.userAadId);
      return { aadId: row.target.userAadId, locale: context?.locale ?? null };
    }
    const conversation = await conversations.get(row.target.conversationId);
    if (conversation?.scope !== 'personal' || conversation.userAadId === null) return undefined;
    const context = await conversations.getUserContext(conversation.userAadId);
    return {
      aadId: conversation.userAadId,
      locale: context?.locale ?? conversation.locale,
    };
  }
}
