import type { FollowUpActor } from './follow-up-actor';
import type { FollowUpDeps } from './follow-up-deps';
import { refuseFollowUp, type FollowUpOutcome } from './follow-up-outcome';
import { getFollowUpSettings } from '../programmes/get-follow-up-settings';
import { listLabTeam } from './list-lab-team';
import { listTeamViewers } from './list-team-viewers';
import { loadTeamContext } from './load-team-context';
import type { ReviewId } from './planned-send';
import { resolveTeamRoles } from './resolve-team-roles';
import { toTeamHeading } from './to-team-heading';
import { getReviewWindow } from './get-review-window';
import { mayAnswerReview } from './may-answer-review';
import type { ReviewAnswer } from './review-answer';
import { listReviews } from './plan-review-sends';
import type { ReviewView } from './review-view';

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
  const review = listReviews(input).find((candidate) => candidate.id === request.review);
  if (review === undefined) return refuseFollowUp('notFound');
  const window = getReviewWindow(request.kind, review.day, deps.clock.now());
  const roles = resolveTeamRoles(request.viewer, team, input);
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
