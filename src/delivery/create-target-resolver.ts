import type { ConversationStore } from '../core/ports/conversation-store';
import type { OutboxTarget } from '../core/ports/outbox-store';

/** Where and how to reach an outbox target: a known conversation, or a user to open a 1:1 chat with. */
export interface ResolvedTarget {
  serviceUrl: string;
  /** Tenant the limits are counted in; empty when the stored reference has none. */
  tenantId: string;
  /** Set when the conversation exists; absent when a 1:1 chat must be created for `userAadId`. */
  conversationId?: string;
  userAadId?: string;
}

/** Turns an outbox target into a ResolvedTarget; throws UnreachableTargetError when it cannot be reached. */
export type TargetResolver = (target: OutboxTarget) => Promise<ResolvedTarget>;

/** The bot has no way to reach a target: it is not installed where it would need to be. */
export class UnreachableTargetError extends Error {
  override name = 'UnreachableTargetError';
}

/**
 * Team service URLs are looked up in the stored conversations at most this often: a bulk send
 * to 3,000 users then reads the list once, and a team installed a minute ago is found.
 */
const TEAM_LOOKUP_TTL_MS = 60_000;

/** Resolves targets from the stored conversation references (service URL, tenant, personal chats). */
export function createTargetResolver(
  conversations: ConversationStore,
  now: () => number,
): TargetResolver {
  let teams = new Map<string, string>();
  let teamsReadAt = Number.NEGATIVE_INFINITY;

  async function teamServiceUrl(teamId: string): Promise<string | undefined> {
    if (now() - teamsReadAt >= TEAM_LOOKUP_TTL_MS) {
      teams = new Map(
        (await conversations.listActive())
          .filter((record) => record.teamId !== null)
          .map((record) => [record.teamId ?? '', record.serviceUrl]),
      );
      teamsReadAt = now();
    }
    return teams.get(teamId);
  }

  return async (target) => {
    if (target.kind === 'conversation') {
      const record = await conversations.get(target.conversationId);
      if (record === undefined) throw new UnreachableTargetError('conversation not stored');
      if (record.uninstalledAt !== null)
        throw new UnreachableTargetError('bot uninstalled from conversation');
      return {
        serviceUrl: record.serviceUrl,
        tenantId: record.tenantId ?? '',
        // The target as given: a thread's id, for a reply in that thread.
        conversationId: target.conversationId,
      };
    }
    const personal = await conversations.findPersonal(target.userAadId);
    if (personal !== undefined) {
      return {
        serviceUrl: personal.serviceUrl,
        tenantId: personal.tenantId ?? target.tenantId,
        conversationId: personal.conversationId,
      };
    }
    const serviceUrl = await teamServiceUrl(target.teamId);
    if (serviceUrl === undefined) throw new UnreachableTargetError('bot not installed in the team');
    return { serviceUrl, tenantId: target.tenantId, userAadId: target.userAadId };
  };
}
