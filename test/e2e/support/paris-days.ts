/** Programme milestones and deadlines are calendar days in Europe/Paris, as the bot reads them. */
const PROGRAMME_TIME_ZONE = 'Europe/Paris';
const DAY_MS = 24 * 60 * 60 * 1000;

/** YYYY-MM-DD of `date` in Europe/Paris. */
export function toParisDay(date: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: PROGRAMME_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(date);
}

/** `day` (YYYY-MM-DD) plus `days` calendar days; computed at noon UTC, so no DST edge. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T12:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** A day as a French reader sees it on the cards: "samedi 28 novembre 2026". */
export function toFrenchDay(day: string): string {
  return new Intl.DateTimeFormat('fr-FR', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${day}T12:00:00Z`));
}
