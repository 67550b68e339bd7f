import type { Milestones } from './programme';

/** Where a programme stands, derived from its dates rather than stored, so it is never stale. */
export type ProgrammePhase =
  'upcoming' | 'call-open' | 'selection' | 'kick-off' | 'hackathon' | 'follow-up' | 'ended';

/** The phase on a calendar day (YYYY-MM-DD, Europe/Paris); day strings compare in date order. */
export function getProgrammePhase(milestones: Milestones, today: string): ProgrammePhase {
  if (today < milestones.candidacyOpen) return 'upcoming';
  if (today <= milestones.candidacyClose) return 'call-open';
  if (today < milestones.kickOff) return 'selection';
  if (today < milestones.hackathonStart) return 'kick-off';
  if (today <= milestones.hackathonEnd) return 'hackathon';
  if (today <= milestones.end) return 'follow-up';
  return 'ended';
}

/** The next milestone on or after today, for "what comes next" lines; undefined after the end. */
export function getNextMilestone(
  milestones: Milestones,
  today: string,
): { name: keyof Milestones; date: string } | undefined {
  const upcoming = (Object.entries(milestones) as [keyof Milestones, string][])
    .filter(([, date]) => date >= today)
    .sort(([, a], [, b]) => a.localeCompare(b));
  const first = upcoming[0];
  return first === undefined ? undefined : { name: first[0], date: first[1] };
}
