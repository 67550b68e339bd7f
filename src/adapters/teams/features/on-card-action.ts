import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { TurnHelpers } from '../bot-feature';
import type { CardVerb } from '../card-verbs';
import type { AdaptiveCardJson } from '../cards/render-card';

/** What a card action sends: its own data merged with the card's input values. */
export type ActionData = Record<string, unknown>;

/** Registers a card verb for Action.Execute (the returned card replaces the clicked one) and its Action.Submit fallback (sent as a new card). */
export function onCardAction(
  app: Application<TurnState>,
  helpers: TurnHelpers,
  verb: CardVerb,
  handle: (context: TurnContext, data: ActionData) => Promise<AdaptiveCardJson>,
): void {
  app.adaptiveCards.actionExecute<ActionData>(verb, async (context, _state, data) =>
    handle(context, data ?? {}),
  );
  app.adaptiveCards.actionSubmit<ActionData>(verb, async (context, _state, data) =>
    helpers.sendCard(context, await handle(context, data ?? {})),
  );
}
