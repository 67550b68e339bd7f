import type { ConversationStore } from '../../core/ports/conversation-store';
import type { TokenProvider } from '../../delivery/connector-client';
import type { Logger } from '../../logger';

/** Members per page when listing a team (the Bot Connector allows up to 500). */
const PAGE_SIZE = 500;
/** A hung Bot Connector call must not hold the refresh forever. */
const REQUEST_TIMEOUT_MS = 30_000;

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

  constructor(
    private readonly channelId: string | undefined,
    private readonly conversations: ConversationStore,
    private readonly tokens: TokenProvider,
    private readonly logger: Logger,
  ) {}

  /** Entra object ids of the members, lower-cased, as of the last refresh. */
  ids(): Iterable<string> {
    return this.members;
  }

  /** Re-reads the members; keeps the previous list when the channel or the connector is not reachable. */
  async refresh(): Promise<void> {
    if (this.channelId === undefined) return;
    const channel = await this.conversations.get(this.channelId);
    if (channel?.teamId == null || channel.uninstalledAt !== null) return;
    try {
      const ids = new Set<string>();
      let continuation: string | undefined;
      do {
        const url = new URL(
          `v3/conversations/${encodeURIComponent(channel.teamId)}/pagedmembers`,
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
      this.logger.info({ members: ids.size }, 'Lab channel members refreshed');
    } catch (error) {
      this.logger.warn(
        { err: error },
        'Lab channel members could not be read; keeping the last list',
      );
    }
  }
}
