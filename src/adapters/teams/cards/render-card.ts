import { Template } from 'adaptivecards-templating';
import type { Attachment } from 'botbuilder';
import { CardFactory } from 'botbuilder';

/** A rendered Adaptive Card payload, ready to attach or to return from Action.Execute. */
export type AdaptiveCardJson = Record<string, unknown> & { type: 'AdaptiveCard' };

/**
 * Each template parsed once: building a Template parses every `${…}` of the payload with the
 * adaptive-expressions (ANTLR) parser, which cost more than the rest of a turn. A Template is
 * made to be expanded again and again, and its expansion runs synchronously, so one instance per
 * template object serves every turn. Templates built on the fly are parsed each time as before.
 */
const parsed = new WeakMap<object, Template>();

/** Binds a JSON card template to its view model with adaptivecards-templating. */
export function renderCard(template: object, data: object): AdaptiveCardJson {
  let prepared = parsed.get(template);
  if (prepared === undefined) {
    prepared = new Template(template);
    parsed.set(template, prepared);
  }
  return prepared.expand({ $root: data }) as AdaptiveCardJson;
}

/** Wraps a rendered card as a message attachment. */
export function toAttachment(card: AdaptiveCardJson): Attachment {
  return CardFactory.adaptiveCard(card);
}
