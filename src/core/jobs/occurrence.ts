/**
 * One run of a scheduled job for one period and target, e.g. the October check-in of team 7.
 * Its key is unique across restarts and instances: the database keeps one row per key.
 */
export interface Occurrence {
  /** `job:period:target`, e.g. `checkin:2026-10:team-7`. */
  key: string;
  /** The instant it becomes due (UTC). */
  dueAt: Date;
  /** The last instant it is still worth running; after it, a missed occurrence is dropped. */
  expiresAt: Date;
}

/** Builds an occurrence key from its parts; colons separate parts, so parts may not contain one. */
export function toOccurrenceKey(job: string, period: string, target: string): string {
  for (const part of [job, period, target]) {
    if (part === '' || part.includes(':')) {
      throw new Error(`Occurrence key part "${part}" must be non-empty and contain no colon`);
    }
  }
  return `${job}:${period}:${target}`;
}

/** The parts of an occurrence key; undefined when the key is not `job:period:target`. */
export function parseOccurrenceKey(
  key: string,
): { job: string; period: string; target: string } | undefined {
  const [job, period, target, ...rest] = key.split(':');
  if (job === undefined || period === undefined || target === undefined || rest.length > 0) {
    return undefined;
  }
  if (job === '' || period === '' || target === '') return undefined;
  return { job, period, target };
}
