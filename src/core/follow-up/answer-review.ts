import type { FollowUpDeps } from './follow-up-deps';
import { isStale, refuseFollowUp, staleRefusal, type AnswerOutcome } from './follow-up-outcome';
import type { ReviewAnswer, ReviewOutcomeFields, ReviewPreparationFields } from './review-answer';
import { getReviewView, type ReviewCardRequest, type ReviewView } from './get-review-view';
import { validateReviewFields } from './validate-review-fields';

/**
 * Records a team's review preparation or the review's outcome, or replaces it while its window is
 * open. Refuses anyone not allowed (nothing stored), a closed window, and invalid fields (every
 * field's issue at once).
 */
export async function answerReview(
  deps: FollowUpDeps,
  request: ReviewCardRequest & { fields: Record<string, unknown>; shownRevision?: number },
): Promise<AnswerOutcome<ReviewView>> {
  const current = await getReviewView(deps, request);
  if (!current.ok) return current;
  const view = current.value;
  if (!view.canAnswer) {
    if (view.window === 'notOpen') return refuseFollowUp('notOpen', { day: view.card.reviewDay });
    if (view.window === 'closed') return refuseFollowUp('closed', { day: view.card.reviewDay });
    return refuseFollowUp('forbidden', { team: view.card.teamName });
  }
  if (isStale(view.answer?.revision, request.shownRevision)) {
    return { ok: false, refusal: staleRefusal(view.answer), current: view };
  }
  const validation = validateReviewFields(request.kind, request.fields);
  if (!validation.ok) {
    return {
      ok: false,
      refusal: { code: 'invalid', params: {}, issues: validation.issues },
      current: view,
    };
  }
  const base = {
    programmeId: view.card.programmeId,
    teamId: view.card.teamId,
    review: view.card.review,
    answeredBy: { aadId: request.viewer.aadId, name: request.viewer.name },
    answeredAt: deps.clock.now(),
    revision: (view.answer?.revision ?? 0) + 1,
  };
  const answer: ReviewAnswer =
    request.kind === 'preparation'
      ? { ...base, kind: 'preparation', fields: validation.fields as ReviewPreparationFields }
      : { ...base, kind: 'outcome', fields: validation.fields as ReviewOutcomeFields };
  if (!(await deps.reviews.save(answer))) {
    // Someone else saved between our read and our write: show theirs, keep nothing of ours.
    const latest = await deps.reviews.get(base.programmeId, base.teamId, base.review, request.kind);
    return { ok: false, refusal: staleRefusal(latest), current: { ...view, answer: latest } };
  }
  return { ok: true, value: { ...view, answer } };
}
