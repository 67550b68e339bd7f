import { Application, TeamsAdapter, TurnState } from '@microsoft/teams-ai';
import { ActivityTypes, type Storage, type TurnContext } from 'botbuilder';
import { listHelpTopics } from '../../core/help/list-help-topics';
import type { Role } from '../../core/people/role';
import { resolveRoles } from '../../core/people/resolve-roles';
import type { Clock } from '../../core/ports/clock';
import type { ConversationStore } from '../../core/ports/conversation-store';
import type { ProgrammeStore } from '../../core/ports/programme-store';
import { toLocalDay } from '../../core/time/to-local-day';
import { createTranslator, toLanguage } from '../../i18n/translate';
import type { Logger } from '../../logger';
import type { BotFeature, TurnHelpers } from './bot-feature';
import { CardVerbs, CORE_VERBS, type CoreVerb } from './card-verbs';
import {
  buildHelpCard,
  buildProfileCard,
  buildProgrammesCard,
  buildStatusCard,
  type CardContext,
} from './cards/build-cards';
import { toAttachment, type AdaptiveCardJson } from './cards/render-card';
import {
  includesBot,
  mentionsBot,
  readLocale,
  readScope,
  readTeamId,
  readTimezone,
  toConversationRecord,
} from './read-activity';

/** The programme calendar's own time zone: milestones are Paris calendar days. */
const PROGRAMME_TIMEZONE = 'Europe/Paris';

/** What the Teams adapter needs from the rest of the bot. */
export interface BotDependencies {
  adapter: TeamsAdapter;
  /** Empty in local runs; teams-ai needs it (with the adapter) for proactive messages. */
  botAppId: string;
  storage: Storage;
  conversations: ConversationStore;
  programmes: ProgrammeStore;
  clock: Clock;
  labAdminIds: readonly string[];
  /** More Lab team members, e.g. the members of the Lab channel's team. */
  labMembers?: () => Iterable<string>;
  logger: Logger;
  getStatus: () => Promise<{ dialect: string; databaseUp: boolean }>;
  version: string;
}

/** Builds the teams-ai Application with every route of the bot; features add theirs before the catch-all. */
export function createBotApplication(
  deps: BotDependencies,
  features: readonly BotFeature[] = [],
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

  const rolesOf = (context: TurnContext): Set<Role> =>
    resolveRoles({
      aadId: context.activity.from?.aadObjectId,
      labAdminIds: [...deps.labAdminIds, ...(deps.labMembers?.() ?? [])],
    });

  const cardContextOf = (context: TurnContext): CardContext => {
    const language = toLanguage(readLocale(context.activity));
    return { language, t: createTranslator(language) };
  };

  const sendCard = async (context: TurnContext, card: AdaptiveCardJson): Promise<void> => {
    await context.sendActivity({ attachments: [toAttachment(card)] });
  };

  const buildCardFor = async (context: TurnContext, verb: CoreVerb): Promise<AdaptiveCardJson> => {
    const cardContext = cardContextOf(context);
    const roles = rolesOf(context);
    switch (verb) {
      case CardVerbs.help:
        return buildHelpCard(cardContext, listHelpTopics(roles), roles);
      case CardVerbs.profile: {
        const aadId = context.activity.from?.aadObjectId;
        const known = aadId === undefined ? undefined : await conversations.getUserContext(aadId);
        return buildProfileCard(cardContext, {
          roles,
          timezone: readTimezone(context.activity) ?? known?.timezone ?? null,
        });
      }
      case CardVerbs.programmes:
        return buildProgrammesCard(
          cardContext,
          await deps.programmes.list(),
          toLocalDay(clock.now(), PROGRAMME_TIMEZONE),
        );
      case CardVerbs.status: {
        if (!roles.has('lab')) return buildHelpCard(cardContext, listHelpTopics(roles), roles);
        const active = await conversations.listActive();
        const count = (scope: string): number => active.filter((c) => c.scope === scope).length;
        return buildStatusCard(cardContext, {
          ...(await deps.getStatus()),
          installations: {
            personal: count('personal'),
            channel: count('channel'),
            groupChat: count('groupChat'),
          },
          version: deps.version,
        });
      }
    }
  };

  // Every turn refreshes what we know of the sender, so reminders follow them across time zones.
  app.turn('beforeTurn', async (context) => {
    const activity = context.activity;
    if (activity.type === 'message' || activity.type === 'invoke') {
      const now = clock.now();
      const aadId = activity.from?.aadObjectId;
      if (aadId !== undefined) {
        await conversations.recordUserContext({
          aadId,
          locale: readLocale(activity),
          timezone: readTimezone(activity),
          seenAt: now,
        });
      }
      const conversationId = activity.conversation?.id;
      if (conversationId !== undefined) {
        const known = await conversations.get(conversationId);
        if (known === undefined || known.uninstalledAt !== null) {
          // A message from a conversation we never saw installed (e.g. events lost while the bot was down).
          await conversations.upsert(toConversationRecord(activity, now));
        } else {
          await conversations.refresh(
            conversationId,
            {
              locale: readLocale(activity),
              timezone: readTimezone(activity),
              serviceUrl: activity.serviceUrl ?? known.serviceUrl,
            },
            now,
          );
        }
      }
    }
    // In a team channel the bot only reacts when it is mentioned.
    if (
      activity.type === 'message' &&
      readScope(activity) === 'channel' &&
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
    await sendCard(context, await buildCardFor(context, CardVerbs.help));
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

  const commands: [RegExp, CoreVerb][] = [
    [/^\s*(aide|help|\?)\s*$/i, CardVerbs.help],
    [/^\s*(mes informations|my information|profil|profile)\s*$/i, CardVerbs.profile],
    [/^\s*(programmes?)\s*$/i, CardVerbs.programmes],
    [/^\s*(état|etat|status)\s*$/i, CardVerbs.status],
  ];
  for (const [pattern, verb] of commands) {
    app.message(pattern, async (context) => sendCard(context, await buildCardFor(context, verb)));
  }

  for (const verb of CORE_VERBS) {
    // Action.Execute: the returned card replaces the one the person clicked.
    app.adaptiveCards.actionExecute(verb, async (context) => buildCardFor(context, verb));
    // Action.Submit fallback for clients without Universal Actions: answer with a new card.
    app.adaptiveCards.actionSubmit(verb, async (context) =>
      sendCard(context, await buildCardFor(context, verb)),
    );
  }

  const helpers: TurnHelpers = { rolesOf, cardContextOf, sendCard };
  for (const register of features) register(app, helpers);

  // Anything else: the help card, so nobody is left without an answer.
  app.activity(ActivityTypes.Message, async (context) =>
    sendCard(context, await buildCardFor(context, CardVerbs.help)),
  );

  app.error(async (context, error) => {
    logger.error({ err: error, activityType: context.activity.type }, 'turn failed');
    const { t } = cardContextOf(context);
    if (context.activity.type === 'message') {
      await context.sendActivity(t('error.generic'));
    }
  });

  return app;
}
