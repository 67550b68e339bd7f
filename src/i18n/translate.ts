import { formatPath, type ValidationIssue } from '../core/validation/validation-issue';
import { en } from './en';
import { fr, type MessageKey } from './fr';
import { dateTimeFormat } from '../core/scheduling/date-time-format';

/** The languages the bot speaks; French is the default for every other locale. */
export type Language = 'fr' | 'en';

/** Looks up a message and fills its {placeholders}. */
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

const CATALOGUES: Record<Language, Record<MessageKey, string>> = { fr, en };

/** True when every catalogue has this key: for keys built from data (a form field's id). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.values(CATALOGUES).every((catalogue) => Object.hasOwn(catalogue, key));
}

/** Picks the language from a Teams locale such as fr-FR, en-US or nl-BE: English only when asked for. */
export function toLanguage(locale: string | null | undefined): Language {
  return locale?.toLowerCase().startsWith('en') ? 'en' : 'fr';
}

/**
 * A translator for one language; an unknown placeholder is left visible rather than silently
 * dropped. French messages come out with French spacing ({@link typeset}), values included.
 */
export function createTranslator(language: Language): Translate {
  const catalogue = CATALOGUES[language];
  return (key, params) =>
    typeset(
      tidy(
        catalogue[key].replace(/\{(\w+)\}/g, (match, name: string) =>
          params !== undefined && name in params ? writeParam(params[name], language) : match,
        ),
      ),
      language,
    );
}

/**
 * A value as it goes into a message: a decimal figure in the language's format ("4,5" in
 * French); whole numbers as they are, since they may be a year, a seed or an id.
 */
function writeParam(value: string | number | undefined, language: Language): string {
  if (typeof value === 'number' && !Number.isInteger(value) && Number.isFinite(value)) {
    return new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'fr-FR', {
      maximumFractionDigits: 2,
      useGrouping: false,
    }).format(value);
  }
  return String(value).trim();
}

/** Units written after a figure in the catalogues ("12 j", "3 h", "40 Ko"). */
const UNITS = /(\d) (j|h|min|Ko|Mo|Go|€)(?![\p{L}\d])/gu;

/** A text `typeset` may change: it has punctuation French spaces, or a figure then a space. */
const TYPESET_CANDIDATE = /[;:!?%«»]|\d /;

/** U+202F, the narrow no-break space French puts before ; ! ? and inside « ». */
export const NARROW_NO_BREAK_SPACE = '\u202f';
/** U+00A0, the no-break space French puts before : and %, and between a figure and its unit. */
export const NO_BREAK_SPACE = '\u00a0';

/**
 * A text with the spacing of its language. In French the space before ; ! ? and inside « »
 * becomes a narrow no-break space, the one before : and % a no-break space, so a line never
 * breaks before its punctuation (Imprimerie nationale's rules, as Intl writes "40 %"). Only
 * spaces already there change, and guillemets get theirs: "https://", "10:30" or a name written
 * "Qui paie?" stay as they are. A figure and its unit ("12 j") are held together likewise. English gets neither (a no-break space there is French spacing
 * that came with a value) nor a space between a figure and "%".
 */
export function typeset(text: string, language: Language): string {
  // Most texts of a card (names, dates, figures alone) have nothing to space: kept as they are.
  if (!TYPESET_CANDIDATE.test(text)) return text;
  if (language === 'en') {
    return text.replace(/[\u00a0\u202f]+(?=[;:!?%»])/g, '').replace(/(\d) %/g, '$1%');
  }
  return text
    .replace(/[ \u00a0\u202f]+([;!?])/g, `${NARROW_NO_BREAK_SPACE}$1`)
    .replace(/[ \u00a0\u202f]+([:%])/g, `${NO_BREAK_SPACE}$1`)
    .replace(/[ \u00a0\u202f]*»/g, `${NARROW_NO_BREAK_SPACE}»`)
    .replace(/«[ \u00a0\u202f]*/g, `«${NARROW_NO_BREAK_SPACE}`)
    .replace(UNITS, `$1${NO_BREAK_SPACE}$2`);
}

/** A percentage written for people: "40 %" in French (no-break space), "40%" in English. */
export function formatPercent(value: number, language: Language): string {
  const figure = formatNumber(value, language);
  return language === 'en' ? `${figure}%` : `${figure}${NO_BREAK_SPACE}%`;
}

/** A label and its value on one line: "Statut : validé" in French, "Status: approved" in English. */
export function formatLabelled(label: string, value: string, language: Language): string {
  return language === 'en' ? `${label}: ${value}` : `${label}${NO_BREAK_SPACE}: ${value}`;
}

/**
 * A message as data made it: a full stop after a name that ends with its own "?", "!" or "…"
 * goes ("Qui paie ?." reads "Qui paie ?"), and spaces left doubled by a value collapse.
 */
function tidy(text: string): string {
  return text.replace(/([?!…]\s?[»”]?)\./g, '$1').replace(/([^\s]) {2,}(?=\S)/g, '$1 ');
}

/** Days already written out, by language and day: a card or a digest writes the same few. */
const writtenDays = new Map<string, string>();
/** Enough for years of days in both languages; past it the cache starts again. */
const WRITTEN_DAYS_MAX = 10_000;

/** A calendar day (YYYY-MM-DD) written out for people, e.g. "lundi 7 septembre 2026". */
export function formatDay(day: string, language: Language): string {
  const key = `${language}|${day}`;
  const written = writtenDays.get(key);
  if (written !== undefined) return written;
  const [year, month, date] = day.split('-').map(Number);
  const noonUtc = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, date ?? 1, 12));
  const text = dateTimeFormat(language === 'en' ? 'en-GB' : 'fr-FR', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(noonUtc);
  if (writtenDays.size >= WRITTEN_DAYS_MAX) writtenDays.clear();
  writtenDays.set(key, text);
  return text;
}

/** A figure written for people: "86,5" in French, "86.5" in English, one decimal at most. */
export function formatNumber(value: number, language: Language): string {
  return NUMBER_FORMATS[language].format(value);
}

/** Built once: building an Intl.NumberFormat costs far more than formatting with it. */
const NUMBER_FORMATS: Readonly<Record<Language, Intl.NumberFormat>> = {
  fr: new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }),
};

/** An instant as a person reads it in their zone: "lundi 7 septembre 2026 à 09:30". */
export function formatInstant(instant: Date, language: Language, timeZone: string): string {
  const day = dateTimeFormat('en-CA', { timeZone }).format(instant);
  const time = dateTimeFormat('fr-FR', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
  }).format(instant);
  return `${formatDay(day, language)} ${language === 'en' ? 'at' : 'à'} ${time}`;
}

/** One validation issue as a sentence: the field, then why it was refused. */
export function formatIssue(issue: ValidationIssue, t: Translate): string {
  const field = formatPath(issue.path);
  const reason = t(`validation.${issue.code}`, issue.params);
  return field === '' ? reason : t('validation.field', { field, reason });
}

/**
 * A text from data used as a sentence of a message: it ends with its own punctuation ("?", "!",
 * "…") when it has some, else with a full stop, never "?." or "..".
 */
export function asSentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return trimmed;
  return /[.!?…»)]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
