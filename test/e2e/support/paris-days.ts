import { createHolidayCalendar } from '../../../src/core/scheduling/holiday-calendars';
import { isWorkingDay } from '../../../src/core/scheduling/local-days';

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

const FRANCE = createHolidayCalendar('FR');

/**
 * Milestones `offsets` days from `today`, each moved forward to a working day in France, as a
 * Lab organiser would date an edition: no committee on a Sunday, and a hackathon on two
 * consecutive working days (its start moves until the next day is one too). The moves are of a
 * few days at most, less than the gaps between the milestones, so their order and today's phase
 * stay the same.
 */
export function toWorkingMilestones<Name extends string>(
  today: string,
  offsets: Readonly<Record<Name, number>>,
): Record<Name, string> {
  const nextWorkingDay = (day: string): string => {
    let candidate = day;
    while (!isWorkingDay(candidate, FRANCE)) candidate = addDays(candidate, 1);
    return candidate;
  };
  const milestones = {} as Record<Name, string>;
  for (const [name, offset] of Object.entries(offsets) as [Name, number][]) {
    milestones[name] = nextWorkingDay(addDays(today, offset));
  }
  const dated = milestones as Record<string, string>;
  if (dated.hackathonStart !== undefined && dated.hackathonEnd !== undefined) {
    let start = dated.hackathonStart;
    while (!isWorkingDay(addDays(start, 1), FRANCE)) start = nextWorkingDay(addDays(start, 1));
    dated.hackathonStart = start;
    dated.hackathonEnd = addDays(start, 1);
  }
  return milestones;
}
