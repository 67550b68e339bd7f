import { getFollowUpSettings } from '../programmes/follow-up-settings';
import { addDays } from '../scheduling/local-days';
import { toUtcInstant } from '../scheduling/to-utc-instant';
import type { WindowState } from './checkin-window';
import type { FollowUpDeps } from './follow-up-deps';
import type { ReviewCardData } from './follow-up-notices';
import { refuseFollowUp, type FollowUpOutcome } from './follow-up-outcome';
import { listReviews } from './plan-review-sends';
import type { ReviewId } from './planned-send';
import type { ReviewAnswer } from './review-answer';
import {
  listLabTeam,
  listTeamViewers,
  loadTeamContext,
  mayReadTeam,
  resolveTeamRoles,
  toTeamHeading,
  type FollowUpActor,
  type TeamRoles,
} from './team-context';

/** A review card (preparation or outcome) as one person sees it now. */
export interface ReviewView {
  card: ReviewCardData;
  kind: ReviewAnswer['kind'];
  answer: ReviewAnswer | undefined;
  window: WindowState;
  canAnswer: boolean;
}

/**
 * Who may fill in a review card: the preparation as for a check-in (lead, members when allowed,
 * Lab team); the outcome also by the facilitators, who ran the review with the team.
 */
export function mayAnswerReview(
  kind: ReviewAnswer['kind'],
  roles: TeamRoles,
  membersMayAnswer: boolean,
): boolean {
  if (roles.lead || roles.lab || (membersMayAnswer && roles.member)) return true;
  return kind === 'outcome' && roles.facilitator;
}

/** The outcome of a review can be recorded or corrected for a month after it (until the next check-ins). */
export const REVIEW_OUTCOME_EDIT_DAYS = 30;

/** Review days are the programme's, in Paris. */
const PROGRAMME_TIMEZONE = 'Europe/Paris';

/**
 * When a review card takes answers: the preparation until the end of the review day, the outcome
 * from the review day for a month.
 */
export function getReviewWindow(
  kind: ReviewAnswer['kind'],
  reviewDay: string,
  now: Date,
): WindowState {
  const at = (day: string): number => toUtcInstant(day, '00:00', PROGRAMME_TIMEZONE).getTime();
  const time = now.getTime();
  if (kind === 'preparation') return time < at(addDays(reviewDay, 1)) ? 'open' : 'closed';
  if (time < at(reviewDay)) return 'notOpen';
  return time < at(addDays(reviewDay, REVIEW_OUTCOME_EDIT_DAYS + 1)) ? 'open' : 'closed';
}

/** Which review card: the team's preparation for, or outcome of, one review. */
export interface ReviewCardRequest {
  programmeId: string;
  teamId: string;
  review: ReviewId;
  kind: ReviewAnswer['kind'];
  viewer: FollowUpActor;
}

/** A team's review card as the viewer sees it now: the answer if any, and whether they may give it. */
export async function getReviewView(
  deps: FollowUpDeps,
  request: ReviewCardRequest,
): Promise<FollowUpOutcome<ReviewView>> {
  const context = await loadTeamContext(deps, request.programmeId, request.teamId);
  if (context === undefined) return refuseFollowUp('notFound');
  const { input, team } = context;
  const roles = resolveTeamRoles(request.viewer, team, input);
  if (!mayReadTeam(roles)) return refuseFollowUp('notReader');
  const review = listReviews(input).find((candidate) => candidate.id === request.review);
  if (review === undefined) return refuseFollowUp('notFound');
  const window = getReviewWindow(request.kind, review.day, deps.clock.now());
  return {
    ok: true,
    value: {
      card: {
        ...toTeamHeading(input.programme, team),
        review: review.id,
        reviewDay: review.day,
        viewerAadIds: listTeamViewers(team, listLabTeam(input)),
      },
      kind: request.kind,
      answer: await deps.reviews.get(input.programme.id, team.id, review.id, request.kind),
      window,
      canAnswer:
        window === 'open' &&
        mayAnswerReview(request.kind, roles, getFollowUpSettings(input.programme).membersMayAnswer),
    },
  };
}
