import type { Occurrence } from './occurrence';

/**
 * The occurrences to run now: due (dueAt ≤ now) and still worth running (now ≤ expiresAt).
 * Evaluated on every tick, this is also the catch-up after downtime: a monthly check-in missed
 * by two days is still inside its window, a "J-2" reminder whose day has passed is not. Sorted
 * by due time, then key, so runs are reproducible.
 */
export function selectDueOccurrences(candidates: Iterable<Occurrence>, now: Date): Occurrence[] {
  const at = now.getTime();
  return [...candidates]
    .filter(
      (occurrence) => occurrence.dueAt.getTime() <= at && at <= occurrence.expiresAt.getTime(),
    )
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.key.localeCompare(b.key));
}
