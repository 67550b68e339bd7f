import type { z } from 'zod';
import type { ConversationScope } from '../../../core/conversations/conversation';
import type { MessageKey } from '../../../i18n/fr';
import type { AdaptiveCardJson } from '../cards/render-card';
import type { Guard } from './guard';
import type { Turn } from './turn';

/** Every conversation the bot can be in. */
export const ALL_SCOPES: readonly ConversationScope[] = ['personal', 'channel', 'groupChat'];
/** The personal chat with the bot only: what shows one person's data, or a download link. */
export const PERSONAL_ONLY: readonly ConversationScope[] = ['personal'];

/**
 * A card action, declared once: its name (the Action.Execute verb, and the `verb` field of the
 * Action.Submit fallback), the schema of its data (the action's data merged with the card's
 * inputs), who may use it, where, and what it does. The registry parses the data and checks the
 * guard and the scope before the handler runs; the handler's use case checks what is the
 * sender's own.
 */
export interface CardVerb<Data = unknown> {
  verb: string;
  data: z.ZodType<Data, z.ZodTypeDef, unknown>;
  guard: Guard;
  scopes: readonly ConversationScope[];
  /** Said to a sender the guard refuses; a generic sentence by default. */
  forbidden?: MessageKey;
  /** Said where the verb is not allowed (e.g. a channel); a generic sentence by default. */
  outOfScope?: MessageKey;
  /**
   * For an irreversible action: what to say before acting (what will happen, to whom) and where
   * "Annuler" leads; the registry shows that card first and runs the handler on "Confirmer".
   * Undefined means act at once: the harmless variant (endorse, accept) or a click the use case
   * refuses anyway. Reads here are guarded like the handler's.
   */
  confirmation?(turn: Turn, data: Data): Promise<Confirmation | undefined>;
  /** The card that answers: it replaces the clicked one (Action.Execute) or follows it (Action.Submit). */
  handle(turn: Turn, data: Data): Promise<AdaptiveCardJson>;
}

/** The card an irreversible action shows first. */
export interface Confirmation {
  /** A question naming the action and its object: "Retirer votre candidature à … ?". */
  title: string;
  /** What will happen and to whom. */
  lines: string[];
  /** Where "Annuler" leads: the card the person was on, unchanged. */
  cancel: { verb: string; data: Record<string, unknown> };
}

/** Declares a card verb, typing its handler's data from its schema. */
export function defineCardVerb<Schema extends z.ZodType<unknown, z.ZodTypeDef, unknown>>(
  definition: Omit<CardVerb<z.infer<Schema>>, 'data'> & { data: Schema },
): CardVerb<z.infer<Schema>> {
  return definition;
}
