import type { Programme } from './programme';
/** A number or short text the programme asks every team to report each month (e.g. "agents reached"). */
export interface IndicatorDefinition {
  id: string;
  label: string;
  type: 'number' | 'text';
  /** Shown after a number, e.g. "agents". */
  unit?: string;
}

/** A member of the Lab team who receives review packs; names come from the programme file. */
export interface LabMember {
  aadId: string;
  name: string;
}

/** How a programme runs its monthly check-ins; every field has a default (see DEFAULT_FOLLOW_UP). */
export interface FollowUpSettings {
  /** The check-in goes out on this working day of the month: 1 is the first working day. */
  checkInWorkingDay: number;
  /** Local wall-clock time of the check-in and of every reminder, HH:MM in the recipient's zone. */
  checkInTime: string;
  /** Working days after the check-in on which an unanswered team's lead is reminded. */
  reminderWorkingDays: number[];
  /** Working day after the check-in on which the facilitators hear about a silent team. */
  escalationWorkingDay: number;
  /** Months (YYYY-MM) without a check-in, e.g. the summer break. */
  skippedMonths: string[];
  /** When true, every member of a team may answer its check-in, not only the lead. */
  membersMayAnswer: boolean;
  indicators: IndicatorDefinition[];
  /** Lab team members named in the programme, in addition to those of the bot's configuration. */
  labTeam: LabMember[];
}

/**
 * The defaults, from the seed articles and the issue: the Lab holds a monthly exchange from
 * September, on the first working day at 09:30; a silent team is reminded on days 3 and 5 and
 * its facilitators are told the next working day.
 */
export const DEFAULT_FOLLOW_UP: Readonly<FollowUpSettings> = Object.freeze({
  checkInWorkingDay: 1,
  checkInTime: '09:30',
  reminderWorkingDays: [3, 5],
  escalationWorkingDay: 6,
  skippedMonths: [],
  membersMayAnswer: false,
  indicators: [],
  labTeam: [],
});

/**
 * The latest working day a reminder or an escalation may fall on. Months have at least 19
 * working days in the supported calendars, so everything stays before the next check-in.
 */
export const MAX_FOLLOW_UP_WORKING_DAY = 15;

/** The programme's check-in rules, with the defaults for a programme that sets none. */
export function getFollowUpSettings(programme: Programme): FollowUpSettings {
  return { ...DEFAULT_FOLLOW_UP, ...programme.followUp };
}
