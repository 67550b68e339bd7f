import { getZoneOffset } from './get-zone-offset';
import { parseLocalDay } from './local-days';

const MINUTE_MS = 60_000;
// Every IANA zone changes its offset at most once in any 48 hours, so the offsets one day either
// side of a wall-clock time bracket every offset that can apply to it.
const DAY_MS = 24 * 60 * MINUTE_MS;

/**
 * The UTC instant at which a zone's clocks show `time` (HH:MM) on `day` (YYYY-MM-DD).
 * On DST days it follows RFC 5545 (iCalendar) and Temporal's "compatible" rule: a time that
 * exists twice (02:30 on the last Sunday of October in Paris) is its first occurrence, and a time
 * that does not exist (02:30 on the last Sunday of March) moves forward by the gap (03:30).
 */
export function toUtcInstant(day: string, time: string, timeZone: string): Date {
  const { year, month, day: dayOfMonth } = parseLocalDay(day);
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!match) throw new RangeError(`not a HH:MM time: ${time}`);
  const wallClock = Date.UTC(year, month - 1, dayOfMonth, Number(match[1]), Number(match[2]));

  const offsetBefore = getZoneOffset(new Date(wallClock - DAY_MS), timeZone);
  const offsetAfter = getZoneOffset(new Date(wallClock + DAY_MS), timeZone);
  const matching = [...new Set([offsetBefore, offsetAfter])]
    .map((offset) => wallClock - offset * MINUTE_MS)
    .filter(
      (instant) => wallClock - getZoneOffset(new Date(instant), timeZone) * MINUTE_MS === instant,
    )
    .sort((a, b) => a - b);
  const first = matching[0];
  // No match means the time falls in a spring-forward gap: reading it with the offset in force
  // before the change lands the same distance past the gap.
  return new Date(first ?? wallClock - offsetBefore * MINUTE_MS);
}
