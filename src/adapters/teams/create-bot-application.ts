import { Application, TeamsAdapter, TurnState } from '@microsoft/teams-ai';
import { ActivityTypes, type Storage, type TurnContext } from 'botbuilder';
import type { Clock } from '../../core/ports/clock';
import type { ConversationStore } from '../../core/ports/conversation-store';
import type { Logger } from '../../logger';
import { type AdaptiveCardJson } from './cards/render-card';
import {
  includesBot,
  mentionsBot,
  readLocale,
  readScope,
  readTeamId,
  readTimezone,
  toConversationRecord,
} from './read-activity';
import {
  installVerbs,
  isSubmission,
  toCardContext,
  toTurn,
  type SenderRoles,
  type VerbRegistry,
} from './verbs/install-verbs';
import type { Turn } from './verbs/turn';
import { ExpiringMemo } from './expiring-memo';

/**
 * How long an unchanged user context or conversation reference goes without being written again
 * (its locale, time zone or service URL changing is written at once).
 */
export const REFRESH_MS = 60 * 60 * 1_000;

/** What the Teams adapter needs from the rest of the bot. */
export interface BotDependencies {
  adapter: TeamsAdapter;
  /** Empty in local runs; teams-ai needs it (with the adapter) for proactive messages. */
  botAppId: string;
  storage: Storage;
  conversations: ConversationStore;
  clock: Clock;
  roles: SenderRoles;
  logger: Logger;
  /** The card for anyone the bot greets or does not understand: the help card. */
  fallbackCard(turn: Turn): Promise<AdaptiveCardJson>;
}

/**
 * Builds the teams-ai Application: conversation bookkeeping (installs, uninstalls, what each
 * turn says of its sender), every verb and command of the registry, then the help card for
 * anything else.
 */
export function createBotApplication(
  deps: BotDependencies,
  registry: VerbRegistry,
): Application<TurnState> {
  const { conversations, clock, logger } = deps;
  const app = new Application<TurnState>({
    adapter: deps.adapter,
    botAppId: deps.botAppId,
    storage: deps.storage,
    // Replies are fast; a typing indicator would only spend the per-conversation rate limit.
    startTypingTimer: false,
    removeRecipientMention: true,
  });

  const fallback = async (context: TurnContext): Promise<void> => {
    const turn = toTurn(context, deps.roles);
    if (turn !== undefined) await turn.send(await deps.fallbackCard(turn));
  };

  // Every turn refreshes what we know of the sender, so reminders follow them across time zones.
  // What has not changed is not written again within REFRESH_MS: the stored "seen" and
  // "updated" times are then accurate to that interval, and a turn writes nothing.
  const userContextsWritten = new ExpiringMemo<string>(REFRESH_MS);
  app.turn('beforeTurn', async (context) => {
    const activity = context.activity;
    if (activity.type === 'message' || activity.type === 'invoke') {
      const now = clock.now();
      const locale = readLocale(activity);
      const timezone = readTimezone(activity);
      const aadId = activity.from?.aadObjectId;
      if (aadId !== undefined) {
        const written = `${locale ?? ''}|${timezone ?? ''}`;
        if (userContextsWritten.get(aadId, now) !== written) {
          await conversations.recordUserContext({ aadId, locale, timezone, seenAt: now });
          userContextsWritten.set(aadId, written, now);
        }
      }
      const conversationId = activity.conversation?.id;
      if (conversationId !== undefined) {
        const known = await conversations.get(conversationId);
        if (known === undefined || known.uninstalledAt !== null) {
          // A message from a conversation we never saw installed (e.g. events lost while the bot was down).
          await conversations.upsert(toConversationRecord(activity, now));
        } else {
          const serviceUrl = activity.serviceUrl ?? known.serviceUrl;
          const age = now.getTime() - known.updatedAt.getTime();
          if (
            known.locale !== locale ||
            known.timezone !== timezone ||
            known.serviceUrl !== serviceUrl ||
            age < 0 ||
            age >= REFRESH_MS
          ) {
            await conversations.refresh(conversationId, { locale, timezone, serviceUrl }, now);
          }
        }
      }
    }
    // In a team channel the bot only reacts to typed text that mentions it; card submissions
    // (Action.Submit) carry no mention and are answered whatever the channel.
    if (
      activity.type === 'message' &&
      readScope(activity) === 'channel' &&
      !isSubmission(activity.value) &&
      !mentionsBot(activity)
    ) {
      return false;
    }
    return true;
  });

  app.conversationUpdate('membersAdded', async (context) => {
    if (!includesBot(context.activity.membersAdded, context.activity)) return;
    await conversations.upsert(toConversationRecord(context.activity, clock.now()));
    logger.info({ scope: readScope(context.activity) }, 'bot installed in a conversation');
    await fallback(context);
  });

  app.conversationUpdate('membersRemoved', async (context) => {
    if (!includesBot(context.activity.membersRemoved, context.activity)) return;
    await markUninstalled(context);
  });

  app.activity(ActivityTypes.InstallationUpdate, async (context) => {
    const action = (context.activity.action ?? '').toLowerCase();
    if (action.startsWith('remove')) {
      await markUninstalled(context);
    } else if (action.startsWith('add')) {
      await conversations.upsert(toConversationRecord(context.activity, clock.now()));
      logger.info({ scope: readScope(context.activity), action }, 'bot installation updated');
    }
  });

  async function markUninstalled(context: TurnContext): Promise<void> {
    const now = clock.now();
    const teamId = readTeamId(context.activity);
    if (teamId !== null) {
      await conversations.markTeamUninstalled(teamId, now);
    } else if (context.activity.conversation?.id !== undefined) {
      await conversations.markUninstalled(context.activity.conversation.id, now);
    }
    logger.info({ scope: readScope(context.activity) }, 'bot removed from a conversation');
  }

  installVerbs(app, registry, deps.roles, logger);

  // Anything else: the help card, so nobody is left without an answer.
  app.activity(ActivityTypes.Message, fallback);

  app.error(async (context, error) => {
    logger.error({ err: error, activityType: context.activity.type }, 'turn failed');
    const { t } = toCardContext(context);
    if (context.activity.type === 'message') {
      await context.sendActivity(t('error.generic'));
    }
  });

  return app;
}
