/** A calendar day split into numbers, month 1-12. */
export interface LocalDayParts {
  year: number;
  month: number;
  day: number;
}

/** Parses a YYYY-MM-DD day; throws a RangeError for anything else, including 2026-02-30. */
export function parseLocalDay(day: string): LocalDayParts {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const parts = match && { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  if (!parts) throw new RangeError(`not a YYYY-MM-DD day: ${day}`);
  const roundTrip = new Date(Date.UTC(parts.year, parts.month - 1, parts.day));
  if (roundTrip.getUTCMonth() !== parts.month - 1 || roundTrip.getUTCDate() !== parts.day) {
    throw new RangeError(`no such day: ${day}`);
  }
  return parts;
}
