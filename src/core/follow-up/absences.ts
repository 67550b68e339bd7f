import { type FollowUpOutcome, refuseFollowUp } from './follow-up-outcome';
import type { AbsenceStore } from '../ports/absence-store';
import type { Clock } from '../ports/clock';
import { addDays, toLocalDay } from '../scheduling/local-days';
import { DEFAULT_TIME_ZONE } from '../scheduling/compute-send-instant';

/**
 * The longest absence accepted: six months. "Absent jusqu'au 02/01" typed on 3 January most
 * likely means a typo, not a year away, so it is refused rather than silencing a whole programme.
 */
export const MAX_ABSENCE_DAYS = 183;

/** "Je suis absent jusqu'au JJ/MM": the day and month typed, and the year when given. */
export interface DeclareAbsenceRequest {
  aadId: string;
  day: number;
  month: number;
  year?: number;
  /** The person's zone, for "today"; Europe/Paris when unknown. */
  timeZone?: string | null;
}

/**
 * Pauses reminders to a person until a day, included. Without a year, the day is the next one
 * to come (today counts), so "jusqu'au 05/01" in December means January. Refuses a day that does
 * not exist or is more than six months away.
 */
export async function declareAbsence(
  deps: { absences: AbsenceStore; clock: Clock },
  request: DeclareAbsenceRequest,
): Promise<FollowUpOutcome<Absence>> {
  const now = deps.clock.now();
  const today = toLocalDay(now, request.timeZone ?? DEFAULT_TIME_ZONE);
  const thisYear = Number(today.slice(0, 4));
  const dayOf = (year: number): string | undefined => {
    const candidate = new Date(Date.UTC(year, request.month - 1, request.day));
    const valid =
      candidate.getUTCFullYear() === year &&
      candidate.getUTCMonth() === request.month - 1 &&
      candidate.getUTCDate() === request.day;
    return valid ? candidate.toISOString().slice(0, 10) : undefined;
  };
  let until =
    request.year !== undefined
      ? dayOf(request.year < 100 ? 2000 + request.year : request.year)
      : dayOf(thisYear);
  if (until !== undefined && request.year === undefined && until < today)
    until = dayOf(thisYear + 1);
  if (until === undefined)
    return refuseFollowUp('invalid', { day: `${request.day}/${request.month}` });
  if (until < today) return refuseFollowUp('closed', { day: until });
  if (until > addDays(today, MAX_ABSENCE_DAYS)) {
    return refuseFollowUp('tooFar', { day: until, max: MAX_ABSENCE_DAYS });
  }
  const absence: Absence = { aadId: request.aadId, until, declaredAt: now };
  await deps.absences.set(absence);
  return { ok: true, value: absence };
}

/** "Je suis absent jusqu'au JJ/MM": reminders to this person pause until that day, included. */
export interface Absence {
  aadId: string;
  /** Last day of the absence (YYYY-MM-DD, the person's local day). */
  until: string;
  declaredAt: Date;
}

/** "Je suis de retour": reminders to the person resume at once; true when an absence was ended. */
export async function endAbsence(
  deps: { absences: AbsenceStore },
  aadId: string,
): Promise<boolean> {
  const existing = await deps.absences.get(aadId);
  if (existing === undefined) return false;
  await deps.absences.clear(aadId);
  return true;
}
