import type { Clock } from '../../core/ports/clock';
import type { ConversationStore } from '../../core/ports/conversation-store';
import type { Logger } from '../../logger';

/**
 * Finds the Lab team's channel (LAB_CHANNEL_ID) among the conversations the bot knows. A General
 * channel is known from the install; another channel only from a message in one of its threads,
 * stored under the thread's id: the channel itself is then remembered under its own id, with that
 * thread's service URL, so the bot can start new posts there. Resolves to undefined, with a
 * warning, while the bot has never seen the channel: the digest then goes to each Lab member.
 */
export function createLabChannelResolver(deps: {
  conversations: ConversationStore;
  channelId: string | undefined;
  clock: Clock;
  logger: Logger;
}): () => Promise<string | undefined> {
  return async () => {
    const { channelId, conversations } = deps;
    if (channelId === undefined) return undefined;
    const known = await conversations.get(channelId);
    if (known !== undefined && known.uninstalledAt === null) return channelId;
    const seen = (await conversations.listActive()).find(
      (c) => c.scope === 'channel' && (c.channelId === channelId || c.teamId === channelId),
    );
    if (seen === undefined) {
      deps.logger.warn(
        'LAB_CHANNEL_ID names a channel the bot has not seen: mention the bot once in it; meanwhile digests go to each Lab member',
      );
      return undefined;
    }
    const now = deps.clock.now();
    await conversations.upsert({
      ...seen,
      conversationId: channelId,
      channelId,
      installedAt: now,
      updatedAt: now,
      uninstalledAt: null,
    });
    return channelId;
  };
}
