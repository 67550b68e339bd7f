import { Template } from 'adaptivecards-templating';
import type { Attachment } from 'botbuilder';
import { CardFactory } from 'botbuilder';

/** A rendered Adaptive Card payload, ready to attach or to return from Action.Execute. */
export type AdaptiveCardJson = Record<string, unknown> & { type: 'AdaptiveCard' };

/** Binds a JSON card template to its view model with adaptivecards-templating. */
export function renderCard(template: object, data: object): AdaptiveCardJson {
  return new Template(template).expand({ $root: data }) as AdaptiveCardJson;
}

/** Wraps a rendered card as a message attachment. */
export function toAttachment(card: AdaptiveCardJson): Attachment {
  return CardFactory.adaptiveCard(card);
}
