import { type FollowUpActor, loadTeamContext, mayReadTeam, resolveTeamRoles } from './team-context';
import type { FollowUpDeps } from './follow-up-deps';
import { isStale, refuseFollowUp, staleRefusal, type AnswerOutcome } from './follow-up-outcome';
import { getFollowUpSettings } from '../programmes/follow-up-settings';
import { buildCheckinCardData, type CheckinView, mayAnswerCheckin } from './get-checkin-view';
import type { CheckinAnswer } from './checkin-answer';
import { getTeamCheckinWindow, toWindowState } from './checkin-window';
import { validateCheckinFields } from './validate-checkin-fields';

/** An answer (or an edit) to a team's check-in of one month, as a card submitted it. */
export interface AnswerCheckinRequest {
  programmeId: string;
  teamId: string;
  month: string;
  actor: FollowUpActor;
  fields: Record<string, unknown>;
  /**
   * The revision of the answer the card showed (0: none); absent from cards sent before cards
   * carried it. An answer over an older revision is refused with the current one.
   */
  shownRevision?: number;
}

/**
 * Records a team's check-in answer, or replaces it while the month's window is open. Refuses
 * anyone but the lead, the members (when the programme allows) and the Lab team, an answer
 * before the check-in went out or after the window closed, and an invalid form, each field's
 * issue at once; nothing is stored then. An answer after the escalation day is kept and marked
 * late; editing a timely answer later does not make it late.
 */
export async function answerCheckin(
  deps: FollowUpDeps,
  request: AnswerCheckinRequest,
): Promise<AnswerOutcome<CheckinView>> {
  const context = await loadTeamContext(deps, request.programmeId, request.teamId);
  if (context === undefined) return refuseFollowUp('notFound');
  const { input, team } = context;
  const settings = getFollowUpSettings(input.programme);
  const roles = resolveTeamRoles(request.actor, team, input);
  if (!mayReadTeam(roles)) return refuseFollowUp('notReader');
  if (!mayAnswerCheckin(roles, settings.membersMayAnswer)) {
    return refuseFollowUp('forbidden', { team: team.name });
  }
  const window = getTeamCheckinWindow(input, team, request.month);
  if (window === undefined) return refuseFollowUp('notFound');
  const now = deps.clock.now();
  const state = toWindowState(window, now);
  if (state === 'notOpen') return refuseFollowUp('notOpen', { day: window.sendDay });
  if (state === 'closed') return refuseFollowUp('closed', { month: request.month });

  const previous = await deps.checkins.get(input.programme.id, team.id, request.month);
  const current: CheckinView = {
    card: buildCheckinCardData(input, team, window),
    answer: previous,
    window: state,
    canAnswer: true,
    lateNow: now.getTime() >= window.lateAfter.getTime(),
  };
  if (isStale(previous?.revision, request.shownRevision)) {
    return { ok: false, refusal: staleRefusal(previous), current };
  }
  const validation = validateCheckinFields(request.fields, settings.indicators);
  if (!validation.ok) {
    return {
      ok: false,
      refusal: { code: 'invalid', params: {}, issues: validation.issues },
      current,
    };
  }

  const firstAnsweredAt = previous?.firstAnsweredAt ?? now;
  const answer: CheckinAnswer = {
    ...validation.fields,
    programmeId: input.programme.id,
    teamId: team.id,
    month: request.month,
    answeredBy: { aadId: request.actor.aadId, name: request.actor.name },
    answeredAt: now,
    firstAnsweredAt,
    late: firstAnsweredAt.getTime() >= window.lateAfter.getTime(),
    revision: (previous?.revision ?? 0) + 1,
  };
  if (!(await deps.checkins.save(answer))) {
    // Someone else saved between our read and our write: show theirs, keep nothing of ours.
    const latest = await deps.checkins.get(input.programme.id, team.id, request.month);
    return { ok: false, refusal: staleRefusal(latest), current: { ...current, answer: latest } };
  }
  return { ok: true, value: { ...current, answer } };
}
