import type { Language, Translate } from '../../../i18n/translate';

/** What every card builder needs to speak the user's language. */
export interface CardContext {
  t: Translate;
  language: Language;
}
