import type { ConversationRecord } from '../../../core/conversations/conversation';
import type { Clock } from '../../../core/ports/clock';
import type { ConversationStore } from '../../../core/ports/conversation-store';
import type {
  PersonalChatOpener,
  PersonalChatOptions,
  PersonalChatOutcome,
} from '../../../core/ports/personal-chat-opener';
import type { ReachFailure } from '../../../core/ports/reach-log';

/** The personal chat the bot got by installing itself for someone, or why not (and whether to try again). */
export type InstallOutcome =
  | { ok: true; conversation: ConversationRecord }
  | { ok: false; reason: string; code: ReachFailure; transient: boolean };

/**
 * Installs the bot for a person it has no chat with (Graph) and records the personal chat Graph
 * gives, as the install event would, so the outbox delivers there and later notices find it at
 * once. The service URL and bot id are those of a conversation the bot already has in the tenant.
 * Used when a notice is queued, and by the delivery worker for a notice whose installation Graph
 * could not do then (throttled, unavailable): it tries again at each retry of the message.
 */
export class PersonalChatInstaller {
  constructor(
    private readonly conversations: ConversationStore,
    private readonly opener: PersonalChatOpener,
    private readonly clock: Clock,
  ) {}

  async install(
    aadId: string,
    active?: readonly ConversationRecord[],
    options: PersonalChatOptions = {},
  ): Promise<InstallOutcome> {
    const known = active ?? (await this.conversations.listActive());
    const reference =
      known.find((c) => c.tenantId !== null && c.scope === 'personal') ??
      known.find((c) => c.tenantId !== null);
    if (reference === undefined) {
      return {
        ok: false,
        reason: 'the bot has no conversation yet to take its service URL from',
        code: 'no-chat',
        transient: false,
      };
    }
    if (await this.conversations.removedByUser(aadId)) {
      return {
        ok: false,
        reason: 'they removed the bot, which is not installed for them again',
        code: 'removed-bot',
        transient: false,
      };
    }
    let opened: PersonalChatOutcome;
    try {
      opened = await this.opener.openPersonalChat(aadId, options);
    } catch (error) {
      // No token, or another failure outside Graph's answers: a reason like the others.
      opened = { ok: false, reason: error instanceof Error ? error.message : String(error) };
    }
    if (!opened.ok) {
      return {
        ok: false,
        reason: opened.reason,
        code: opened.code ?? 'error',
        transient: opened.transient === true,
      };
    }
    const now = this.clock.now();
    const conversation: ConversationRecord = {
      conversationId: opened.chatId,
      scope: 'personal',
      serviceUrl: reference.serviceUrl,
      tenantId: reference.tenantId,
      teamId: null,
      channelId: null,
      userAadId: aadId,
      botId: reference.botId,
      locale: null,
      timezone: null,
      installedAt: now,
      updatedAt: now,
      uninstalledAt: null,
    };
    await this.conversations.upsert(conversation);
    return { ok: true, conversation };
  }
}
