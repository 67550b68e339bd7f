import type { ConversationStore } from '../../core/ports/conversation-store';
import type { TokenProvider } from '../../delivery/connector-client';
import type { Logger } from '../../logger';
import { systemClock, type Clock } from '../../core/ports/clock';

/** Members per page when listing a team (the Bot Connector allows up to 500). */
const PAGE_SIZE = 500;
/** A hung Bot Connector call must not hold the refresh forever. */
const REQUEST_TIMEOUT_MS = 30_000;
/**
 * Rights from the roster last this long after the last successful read: six refreshes (every
 * 10 minutes) may fail in a row, say during a Teams incident, before someone who left the Lab
 * channel's team would keep its rights, and after that nobody does until a read succeeds.
 */
export const ROSTER_MAX_AGE_MS = 60 * 60 * 1000;

interface PagedMembers {
  members?: { aadObjectId?: string }[];
  continuationToken?: string;
}

/**
 * The members of the team that holds the Lab channel (LAB_CHANNEL_ID), who count as Lab team
 * besides LAB_ADMIN_IDS. Read from the Bot Connector's paged member list (open to a bot installed
 * in the team, no resource-specific consent needed) on refresh, kept in memory so roles are
 * resolved without a call per message.
 */
export class LabChannelMembers {
  private members: ReadonlySet<string> = new Set();
  private readAt = 0;

  constructor(
    private readonly channelId: string | undefined,
    private readonly conversations: ConversationStore,
    private readonly tokens: TokenProvider,
    private readonly logger: Logger,
    private readonly clock: Clock = systemClock,
  ) {}

  /**
   * Entra object ids of the members, lower-cased, as of the last successful refresh; none once
   * that read is older than ROSTER_MAX_AGE_MS.
   */
  ids(): Iterable<string> {
    return this.clock.now().getTime() - this.readAt <= ROSTER_MAX_AGE_MS ? this.members : [];
  }

  /** Re-reads the members; keeps the previous list when the channel or the connector is not reachable. */
  async refresh(): Promise<void> {
    if (this.channelId === undefined) return;
    const channel = await this.conversations.get(this.channelId);
    if (channel?.teamId == null || channel.uninstalledAt !== null) {
      // The bot left the Lab channel's team (or never joined it): its roster grants nothing.
      this.members = new Set();
      return;
    }
    try {
      const ids = new Set<string>();
      let continuation: string | undefined;
      do {
        const url = new URL(
          // The channel's members: the team's for a standard channel, only the channel's own
          // for a private or shared one (which the Lab may use to keep its team smaller).
          `v3/conversations/${encodeURIComponent(channel.conversationId)}/pagedmembers`,
          channel.serviceUrl.endsWith('/') ? channel.serviceUrl : `${channel.serviceUrl}/`,
        );
        url.searchParams.set('pageSize', String(PAGE_SIZE));
        if (continuation !== undefined) url.searchParams.set('continuationToken', continuation);
        const token = await this.tokens.getToken(channel.serviceUrl);
        const response = await fetch(url, {
          headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        if (!response.ok) throw new Error(`pagedmembers answered ${response.status}`);
        const page = (await response.json()) as PagedMembers;
        for (const member of page.members ?? []) {
          if (member.aadObjectId !== undefined) ids.add(member.aadObjectId.toLowerCase());
        }
        continuation = page.continuationToken || undefined;
      } while (continuation !== undefined);
      this.members = ids;
      this.readAt = this.clock.now().getTime();
      this.logger.info({ members: ids.size }, 'Lab channel members refreshed');
    } catch (error) {
      this.logger.warn(
        { err: error },
        'Lab channel members could not be read; keeping the last list for at most an hour',
      );
    }
  }
}
