/** Where a conversation lives in Teams: a 1:1 chat, a group chat or a team channel. */
export type ConversationScope = 'personal' | 'groupChat' | 'channel';

/**
 * Everything needed to message a conversation proactively later, captured when the bot
 * is installed or spoken to. Teams only lets a bot start a message where it is installed.
 */
export interface ConversationRecord {
  conversationId: string;
  scope: ConversationScope;
  serviceUrl: string;
  tenantId: string | null;
  /** Teams team id (19:…@thread.tacv2) when the conversation is a team channel. */
  teamId: string | null;
  /** Channel id when the conversation is a team channel. */
  channelId: string | null;
  /** Entra object id of the user, for personal conversations. */
  userAadId: string | null;
  botId: string;
  locale: string | null;
  timezone: string | null;
  installedAt: Date;
  updatedAt: Date;
  /** Set when the bot was removed; the row is kept so past sends stay traceable. */
  uninstalledAt: Date | null;
}

/** What a message tells us about its sender, refreshed on every turn. */
export interface UserContext {
  aadId: string;
  locale: string | null;
  timezone: string | null;
  seenAt: Date;
}

/**
 * The conversation a thread belongs to: a channel message's conversation id carries
 * ";messageid=…" after the channel's id, and the bot keeps one record per channel, not per thread.
 */
export function toConversationKey(conversationId: string): string {
  return conversationId.split(';')[0] ?? conversationId;
}
