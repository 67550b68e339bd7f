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

/** A translator for one language; an unknown placeholder is left visible rather than silently dropped. */
export function createTranslator(language: Language): Translate {
  const catalogue = CATALOGUES[language];
  return (key, params) =>
    tidy(
      catalogue[key].replace(/\{(\w+)\}/g, (match, name: string) =>
        params !== undefined && name in params ? String(params[name]).trim() : match,
      ),
    );
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
  return new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'fr-FR', {
    maximumFractionDigits: 1,
  }).format(value);
}

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
