import type { Answerer } from './checkin-answer';
import type { ReviewId } from './planned-send';

/** What the Lab asks a team to bring to a review: the card lists these four things. */
export interface ReviewPreparationFields {
  results: string;
  indicators: string;
  decisionsNeeded: string;
  nextSteps: string;
}

/** What the review decided for a team's experimentation. */
export const REVIEW_DECISIONS = ['continue', 'scale-up', 'adjust', 'stop'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** The outcome recorded after a review. */
export interface ReviewOutcomeFields {
  decision: ReviewDecision;
  nextSteps: string;
  /** Who carries the next steps (free text: a name or a role). */
  owner: string;
}

interface ReviewAnswerBase {
  programmeId: string;
  teamId: string;
  review: ReviewId;
  answeredBy: Answerer;
  answeredAt: Date;
  revision: number;
}

/** A team's preparation for a review, or the review's outcome; one of each per team and review. */
export type ReviewAnswer =
  | (ReviewAnswerBase & { kind: 'preparation'; fields: ReviewPreparationFields })
  | (ReviewAnswerBase & { kind: 'outcome'; fields: ReviewOutcomeFields });

/** The ids of the review cards' inputs; validation issues point at these. */
export const ReviewFieldIds = {
  results: 'results',
  indicators: 'indicators',
  decisionsNeeded: 'decisionsNeeded',
  nextSteps: 'nextSteps',
  decision: 'decision',
  owner: 'owner',
} as const;
