import type { Programme } from '../programmes/programme';
import { getCallStatus } from './get-call-status';

/**
 * The programme a "candidater" without more context is about: the one whose call is open, else
 * the next to open, else the most recent call (which then shows as closed).
 */
export function pickCallProgramme(
  programmes: readonly Programme[],
  today: string,
): Programme | undefined {
  const open = programmes.find((p) => getCallStatus(p, today) === 'open');
  if (open !== undefined) return open;
  const upcoming = programmes
    .filter((p) => getCallStatus(p, today) === 'notOpen')
    .sort((a, b) => a.milestones.candidacyOpen.localeCompare(b.milestones.candidacyOpen))[0];
  if (upcoming !== undefined) return upcoming;
  return [...programmes].sort((a, b) =>
    b.milestones.candidacyOpen.localeCompare(a.milestones.candidacyOpen),
  )[0];
}
