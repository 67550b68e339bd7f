import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { Role } from '../../core/people/role';
import type { CardContext } from './cards/build-cards';
import type { AdaptiveCardJson } from './cards/render-card';

/** What every feature's handlers share: who is speaking, in which language, and how to answer. */
export interface TurnHelpers {
  /** Roles from configuration (Lab team) and defaults; features add programme roles themselves. */
  rolesOf(context: TurnContext): Set<Role>;
  cardContextOf(context: TurnContext): CardContext;
  sendCard(context: TurnContext, card: AdaptiveCardJson): Promise<void>;
}

/**
 * A feature registers its routes (messages, card verbs) on the application. Features are
 * registered before the catch-all help route, in the order given to createBotApplication.
 */
export type BotFeature = (app: Application<TurnState>, helpers: TurnHelpers) => void;
