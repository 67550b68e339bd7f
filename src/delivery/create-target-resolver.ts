import type { ConversationStore } from '../core/ports/conversation-store';
import type { OutboxTarget } from '../core/ports/outbox-store';
import { ConnectorError } from './connector-client';

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
 * Installs the bot for a person (Graph) and records the personal chat it gets: the conversation,
 * or why not, and whether another try later may succeed.
 */
export type InstallPersonalChat = (
  userAadId: string,
) => Promise<
  | {
      ok: true;
      conversation: { conversationId: string; serviceUrl: string; tenantId: string | null };
    }
  | { ok: false; reason: string; transient: boolean }
>;

/** The Bot Connector-like code of a message waiting for Graph to install the bot: a transient 503. */
export const INSTALL_PENDING_CODE = 'InstallPending';

/**
 * Team service URLs are looked up in the stored conversations at most this often: a bulk send
 * to 3,000 users then reads the list once, and a team installed a minute ago is found.
 */
const TEAM_LOOKUP_TTL_MS = 60_000;

/** Resolves targets from the stored conversation references (service URL, tenant, personal chats). */
export function createTargetResolver(
  conversations: ConversationStore,
  now: () => number,
  /** Installs the bot for an `install` target; absent (no Graph): such a target is unreachable. */
  install?: InstallPersonalChat,
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
        tenantId: personal.tenantId ?? (target.kind === 'user' ? target.tenantId : ''),
        conversationId: personal.conversationId,
      };
    }
    if (target.kind === 'install') {
      if (install === undefined) {
        throw new UnreachableTargetError('the bot cannot install itself for the recipient');
      }
      const opened = await install(target.userAadId);
      if (opened.ok) {
        return {
          serviceUrl: opened.conversation.serviceUrl,
          tenantId: opened.conversation.tenantId ?? '',
          conversationId: opened.conversation.conversationId,
        };
      }
      // Graph still throttled or unavailable: a transient failure, retried with the outbox's
      // backoff (never a 429, which would pause the tenant's Teams sends for Graph's sake).
      if (opened.transient) {
        throw new ConnectorError(`installing the bot for the recipient: ${opened.reason}`, {
          status: 503,
          code: INSTALL_PENDING_CODE,
        });
      }
      throw new UnreachableTargetError(`installing the bot for the recipient: ${opened.reason}`);
    }
    const serviceUrl = await teamServiceUrl(target.teamId);
    if (serviceUrl === undefined) throw new UnreachableTargetError('bot not installed in the team');
    return { serviceUrl, tenantId: target.tenantId, userAadId: target.userAadId };
  };
}
