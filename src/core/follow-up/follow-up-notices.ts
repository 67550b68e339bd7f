import type { CheckinStatus, HelpCategory } from './checkin-answer';
import type { IndicatorDefinition } from '../programmes/follow-up-settings';
import type { ReviewId } from './planned-send';
import type { ReviewPreparationFields } from './review-answer';

/** What every follow-up card says about the team it concerns. */
export interface TeamHeading {
  programmeId: string;
  programmeName: string;
  teamId: string;
  teamNumber: number;
  teamName: string;
}

/** Data of a `checkin.card` or `checkin.reminder` notice: the form a team answers. */
export interface CheckinCardData extends TeamHeading {
  month: string;
  leadName: string;
  /** The last local day an answer is on time. */
  answerByDay: string;
  indicators: IndicatorDefinition[];
  /** Entra ids of those who see the card (team, facilitators, Lab team), for its refresh. */
  viewerAadIds: string[];
  /** For a reminder: the working day after the check-in it falls on. */
  reminderDay?: number;
}

/** Data of a `checkin.escalation` notice, for a facilitator. */
export interface CheckinEscalationData extends TeamHeading {
  month: string;
  leadName: string;
  reminderDays: number[];
  /** The lead declared an absence until this day (YYYY-MM-DD). */
  leadAbsentUntil?: string;
}

/** Data of a `review.preparation`, `review.reminder` or `review.outcome` notice. */
export interface ReviewCardData extends TeamHeading {
  review: ReviewId;
  reviewDay: string;
  viewerAadIds: string[];
}

/** One month of a team's history, as the review pack and "historique" show it. */
export interface HistoryLine {
  month: string;
  status: CheckinStatus;
  progress: number;
  helpCategory: HelpCategory;
  helpText: string;
  late: boolean;
  answeredBy: string;
}

/** Data of a `review.pack` notice, for the Lab team: a team's history and preparation. */
export interface ReviewPackData extends TeamHeading {
  review: ReviewId;
  reviewDay: string;
  history: HistoryLine[];
  preparation: (ReviewPreparationFields & { answeredBy: string }) | null;
}
