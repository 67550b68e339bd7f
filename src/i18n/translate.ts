import { formatPath, type ValidationIssue } from '../core/validation/validation-issue';
import { en } from './en';
import { fr, type MessageKey } from './fr';

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
    catalogue[key].replace(/\{(\w+)\}/g, (match, name: string) =>
      params !== undefined && name in params ? String(params[name]) : match,
    );
}

/** A calendar day (YYYY-MM-DD) written out for people, e.g. "lundi 7 septembre 2026". */
export function formatDay(day: string, language: Language): string {
  const [year, month, date] = day.split('-').map(Number);
  const noonUtc = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, date ?? 1, 12));
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'fr-FR', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(noonUtc);
}

/** A figure written for people: "86,5" in French, "86.5" in English, one decimal at most. */
export function formatNumber(value: number, language: Language): string {
  return new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'fr-FR', {
    maximumFractionDigits: 1,
  }).format(value);
}

/** An instant as a person reads it in their zone: "lundi 7 septembre 2026 à 09:30". */
export function formatInstant(instant: Date, language: Language, timeZone: string): string {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone }).format(instant);
  const time = new Intl.DateTimeFormat('fr-FR', {
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
