import { typeset, type Language } from '../../../i18n/translate';
import type { AdaptiveCardJson } from './render-card';

/**
 * Bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069), which can make a text read
 * backwards on screen (a file name, an amount), and control characters other than tab and new
 * line: never useful in what people type on a card, removed at input and on every card sent.
 */
const HIDDEN_CONTROLS =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** A zero-width space: invisible, and enough to break a Markdown construct apart. */
const BREAK = '\u200b';

/** Removes bidirectional overrides and control characters from a text people typed. */
export function stripHiddenControls(text: string): string {
  return text.replace(HIDDEN_CONTROLS, '');
}

/**
 * A text shown on a card as it was written, never as Markdown that would act: `[label](url)`
 * links and `![alt](url)` images lose their link (a zero-width space between `]` and `(`),
 * `<https://…>` autolinks and `[label]: url` references likewise. Emphasis stays, since it only
 * changes how words look. Teams' renderers differ on backslash escapes (mobile clients show the
 * backslashes), which is why a break is used rather than an escape.
 */
export function neutraliseMarkdown(text: string): string {
  return stripHiddenControls(text)
    .replace(/\](\s*)\(/g, `]${BREAK}$1(`)
    .replace(/\](\s*):/g, `]${BREAK}$1:`)
    .replace(/<(?=[a-z][a-z0-9+.-]*:|www\.|[^\s<>@]+@)/gi, `<${BREAK}`);
}

/** Texts people read on a card, whatever the element: what French spacing applies to. */
const READ_TEXTS = new Set([
  'text',
  'title',
  'label',
  'placeholder',
  'errorMessage',
  'altText',
  'fallbackText',
]);

/**
 * The card with every text a renderer reads as Markdown neutralised (TextBlock texts, FactSet
 * titles and values) and hidden controls removed from every other text: whoever wrote a name, an
 * answer or a comment, it cannot put a link, an image or a hidden control on someone else's card.
 * Given the reader's language, the texts people read also get its spacing ({@link typeset}):
 * the catalogues' messages already have it, names and answers written by people get it here.
 * An input's value is left as typed, since it goes back to the bot. Applied to every card the
 * bot sends, answers and proactive messages alike; the bot's own links are buttons
 * (Action.OpenUrl), never Markdown.
 */
export function sanitiseCard(card: AdaptiveCardJson, language?: Language): AdaptiveCardJson {
  return walk(card, language) as AdaptiveCardJson;
}

/** Any character one of the rewrites above acts on: most texts have none and are kept as they are. */
const NEEDS_REWRITE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\]<]/;

function walk(
  value: unknown,
  language: Language | undefined,
  key?: string,
  type?: string,
  inFacts = false,
): unknown {
  // An action's data goes back to the bot as it is: ids, verbs, revisions.
  if (key === 'data' || key === 'url') return value;
  if (Array.isArray(value)) {
    return value.map((item) => walk(item, language, key, type, key === 'facts'));
  }
  if (typeof value === 'string') {
    const markdown =
      (key === 'text' && type === 'TextBlock') || (inFacts && (key === 'title' || key === 'value'));
    const cleaned = !NEEDS_REWRITE.test(value)
      ? value
      : markdown
        ? neutraliseMarkdown(value)
        : stripHiddenControls(value);
    const read = key !== undefined && (READ_TEXTS.has(key) || (inFacts && key === 'value'));
    return language !== undefined && read ? typeset(cleaned, language) : cleaned;
  }
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  const ownType = typeof record.type === 'string' ? record.type : undefined;
  const walked: Record<string, unknown> = {};
  for (const entryKey of Object.keys(record)) {
    setOwn(
      walked,
      entryKey,
      walk(record[entryKey], language, entryKey, ownType, inFacts && ownType === undefined),
    );
  }
  return walked;
}

/** An own property, even one named `__proto__` (which an assignment would take as the prototype). */
export function setOwn(record: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(record, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    record[key] = value;
  }
}
