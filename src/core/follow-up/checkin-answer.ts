/** Where a team's experimentation stands this month. */
export const CHECKIN_STATUSES = ['on-track', 'at-risk', 'blocked'] as const;
export type CheckinStatus = (typeof CHECKIN_STATUSES)[number];

/** What kind of help a team asks the Lab for; `none` when it needs nothing. */
export const HELP_CATEGORIES = [
  'none',
  'method',
  'data',
  'communication',
  'resources',
  'contacts',
  'other',
] as const;
export type HelpCategory = (typeof HELP_CATEGORIES)[number];

/** Who gave or last edited an answer. */
export interface Answerer {
  aadId: string;
  name: string;
}

/** The fields a team fills in each month, as validated. */
export interface CheckinFields {
  status: CheckinStatus;
  /** Progress of the experimentation, 0 to 100 %. */
  progress: number;
  done: string;
  nextSteps: string;
  help: { category: HelpCategory; text: string };
  /** The programme's own indicators, by id; absent when left empty. */
  indicators: Record<string, number | string>;
}

/** A team's answer to one month's check-in; one per team and month, edits replace it. */
export interface CheckinAnswer extends CheckinFields {
  programmeId: string;
  teamId: string;
  /** YYYY-MM */
  month: string;
  answeredBy: Answerer;
  answeredAt: Date;
  /** When the month was first answered; lateness is judged on this, so an edit never makes it late. */
  firstAnsweredAt: Date;
  /** Answered after the facilitators were due to be told. */
  late: boolean;
  /** 1 for the first answer, then one more per edit. */
  revision: number;
}

/** The ids of the check-in card's inputs; validation issues point at these. */
export const CheckinFieldIds = {
  status: 'status',
  progress: 'progress',
  done: 'done',
  nextSteps: 'nextSteps',
  helpCategory: 'helpCategory',
  helpText: 'helpText',
} as const;

/** The input id of a programme indicator: `indicator.<id>`. */
export function toIndicatorFieldId(indicatorId: string): string {
  return `indicator.${indicatorId}`;
}
