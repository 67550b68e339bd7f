import type { Milestones } from '../programmes/programme';
import { addDays, parseLocalDay } from '../scheduling/local-days';
import type { RetentionDurations } from './personal-data-register';

/** The first day (Paris) each of a programme's retention rules applies. */
export interface ProgrammeRetentionDays {
  /** Drafts of candidacies are deleted from this day. */
  drafts: string;
  /** Candidacies not selected, with their scores, comments and endorsements, from this day. */
  unselected: string;
  /** Selected participants' data is pseudonymised from this day. */
  participants: string;
}

/** A programme's retention days from its milestones and the durations. */
export function planProgrammeRetention(
  milestones: Pick<Milestones, 'candidacyClose' | 'selectionCommittee' | 'end'>,
  durations: RetentionDurations,
): ProgrammeRetentionDays {
  return {
    // The call closes at the end of its last day: drafts go the day after.
    drafts: addDays(milestones.candidacyClose, durations.draftDaysAfterClose + 1),
    unselected: addMonths(milestones.selectionCommittee, durations.unselectedMonthsAfterCommittee),
    participants: addMonths(milestones.end, durations.participantMonthsAfterEnd),
  };
}

/** The rules due on `today` (YYYY-MM-DD, Paris). */
export function dueRetentionRules(
  days: ProgrammeRetentionDays,
  today: string,
): { drafts: boolean; unselected: boolean; participants: boolean } {
  return {
    drafts: today >= days.drafts,
    unselected: today >= days.unselected,
    participants: today >= days.participants,
  };
}

/** The same day `months` later; the 31st becomes the month's last day when it has fewer. */
export function addMonths(day: string, months: number): string {
  const { year, month, day: date } = parseLocalDay(day);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${targetYear}-${pad(targetMonth)}-${pad(Math.min(date, lastDay))}`;
}
