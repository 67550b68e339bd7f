import type { Clock } from '../ports/clock';
import type { Programme } from '../programmes/programme';
import { toLocalDay } from '../scheduling/local-days';
import { refuse, type Outcome } from './refusal';

/** Milestones are calendar days in the programme's own time zone, whatever the candidate's. */
export const PROGRAMME_TIME_ZONE = 'Europe/Paris';

/** Whether a programme's call for candidacies is open on a day. */
export type CallStatus = 'notOpen' | 'open' | 'closed';

/** Today in the programme's time zone (YYYY-MM-DD). */
export function getProgrammeDay(clock: Clock): string {
  return toLocalDay(clock.now(), PROGRAMME_TIME_ZONE);
}

/** Open from the opening day through the whole closing day (Europe/Paris), closed after. */
export function getCallStatus(programme: Programme, today: string): CallStatus {
  if (today < programme.milestones.candidacyOpen) return 'notOpen';
  if (today > programme.milestones.candidacyClose) return 'closed';
  return 'open';
}

/** The refusal for a call that is not open on `today`, or undefined when it is. */
export function checkCallOpen(programme: Programme, today: string): Outcome<never> | undefined {
  const status = getCallStatus(programme, today);
  if (status === 'notOpen') {
    return refuse('callNotOpen', { openDay: programme.milestones.candidacyOpen });
  }
  if (status === 'closed') {
    return refuse('callClosed', { closeDay: programme.milestones.candidacyClose });
  }
  return undefined;
}
