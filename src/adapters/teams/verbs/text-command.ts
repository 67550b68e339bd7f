import type { ConversationScope } from '../../../core/conversations/conversation';
import type { MessageKey } from '../../../i18n/fr';
import type { Guard } from './guard';
import type { Turn } from './turn';

/**
 * A typed command, declared once: what it matches (French and English phrases), examples for
 * the documentation, who may use it and where. In a channel the bot only hears text that
 * mentions it (Teams' rule); card submissions are handled whatever the mention.
 */
export interface TextCommand {
  id: string;
  pattern: RegExp;
  /** One way to type it in each language, as shown to people. */
  examples: { fr: string; en: string };
  guard: Guard;
  scopes: readonly ConversationScope[];
  forbidden?: MessageKey;
  outOfScope?: MessageKey;
  /** Answers the command; it sends its cards itself (some commands answer with several). */
  handle(turn: Turn, match: RegExpExecArray): Promise<void>;
}

/** Declares a text command. */
export function defineTextCommand(definition: TextCommand): TextCommand {
  return definition;
}
