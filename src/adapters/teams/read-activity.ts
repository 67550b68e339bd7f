import type { Activity } from 'botbuilder';
import type { ConversationRecord, ConversationScope } from '../../core/conversations/conversation';

interface TeamsChannelDataShape {
  tenant?: { id?: string };
  team?: { id?: string };
  channel?: { id?: string };
}

function channelDataOf(activity: Partial<Activity>): TeamsChannelDataShape {
  const data: unknown = activity.channelData;
  return typeof data === 'object' && data !== null ? data : {};
}

/** The scope of the conversation an activity belongs to; Teams says "channel" for team channels. */
export function readScope(activity: Partial<Activity>): ConversationScope {
  const type = activity.conversation?.conversationType;
  if (type === 'channel' || channelDataOf(activity).team?.id !== undefined) return 'channel';
  if (type === 'groupChat' || activity.conversation?.isGroup === true) return 'groupChat';
  return 'personal';
}

/**
 * The sender's IANA time zone. Teams sends it as `localTimezone` on the activity and in the
 * clientInfo entity; older clients only fill the entity.
 */
export function readTimezone(activity: Partial<Activity>): string | null {
  if (typeof activity.localTimezone === 'string' && activity.localTimezone !== '') {
    return activity.localTimezone;
  }
  const clientInfo = activity.entities?.find((entity) => entity.type === 'clientInfo') as
    { timezone?: unknown } | undefined;
  return typeof clientInfo?.timezone === 'string' && clientInfo.timezone !== ''
    ? clientInfo.timezone
    : null;
}

/** The sender's locale (fr-FR, en-US…), from the activity or its clientInfo entity. */
export function readLocale(activity: Partial<Activity>): string | null {
  if (typeof activity.locale === 'string' && activity.locale !== '') return activity.locale;
  const clientInfo = activity.entities?.find((entity) => entity.type === 'clientInfo') as
    { locale?: unknown } | undefined;
  return typeof clientInfo?.locale === 'string' && clientInfo.locale !== ''
    ? clientInfo.locale
    : null;
}

/** The tenant of the conversation; Teams puts it in two places depending on the event. */
export function readTenantId(activity: Partial<Activity>): string | null {
  return activity.conversation?.tenantId ?? channelDataOf(activity).tenant?.id ?? null;
}

/** The Teams team id when the activity comes from a team. */
export function readTeamId(activity: Partial<Activity>): string | null {
  return channelDataOf(activity).team?.id ?? null;
}

/** True when the bot itself is among the members an update added or removed. */
export function includesBot(
  members: { id: string }[] | undefined,
  activity: Partial<Activity>,
): boolean {
  const botId = activity.recipient?.id;
  return botId !== undefined && (members ?? []).some((member) => member.id === botId);
}

/** True when a message mentions the bot, which Teams requires for a bot to answer in a channel. */
export function mentionsBot(activity: Partial<Activity>): boolean {
  const botId = activity.recipient?.id;
  return (activity.entities ?? []).some(
    (entity) =>
      entity.type === 'mention' &&
      (entity as { mentioned?: { id?: string } }).mentioned?.id === botId,
  );
}

/** Everything needed to message this conversation later, from any activity received in it. */
export function toConversationRecord(activity: Partial<Activity>, now: Date): ConversationRecord {
  const scope = readScope(activity);
  const channelData = channelDataOf(activity);
  return {
    conversationId: activity.conversation?.id ?? '',
    scope,
    serviceUrl: activity.serviceUrl ?? '',
    tenantId: readTenantId(activity),
    teamId: channelData.team?.id ?? null,
    channelId:
      scope === 'channel' ? (channelData.channel?.id ?? channelData.team?.id ?? null) : null,
    userAadId: scope === 'personal' ? (activity.from?.aadObjectId ?? null) : null,
    botId: activity.recipient?.id ?? '',
    locale: readLocale(activity),
    timezone: readTimezone(activity),
    installedAt: now,
    updatedAt: now,
    uninstalledAt: null,
  };
}
