import type { FollowUpActor } from './follow-up-actor';
import type { FollowUpDeps } from './follow-up-deps';
import { refuseFollowUp, type FollowUpOutcome } from './follow-up-outcome';
import { getFollowUpSettings } from '../programmes/get-follow-up-settings';
import { loadTeamContext } from './load-team-context';
import { resolveTeamRoles } from './resolve-team-roles';
import { buildCheckinCardData } from './build-checkin-card-data';
import type { CheckinView } from './checkin-view';
import { getTeamCheckinWindow } from './get-team-checkin-window';
import { mayAnswerCheckin } from './may-answer-checkin';
import { toWindowState } from './to-window-state';

/**
 * A team's check-in of one month as the viewer sees it now, e.g. when Teams refreshes the card:
 * the answer if any, and whether they may answer or edit it.
 */
export async function getCheckinView(
  deps: FollowUpDeps,
  request: { programmeId: string; teamId: string; month: string; viewer: FollowUpActor },
): Promise<FollowUpOutcome<CheckinView>> {
  const context = await loadTeamContext(deps, request.programmeId, request.teamId);
  if (context === undefined) return refuseFollowUp('notFound');
  const { input, team } = context;
  const window = getTeamCheckinWindow(input, team, request.month);
  if (window === undefined) return refuseFollowUp('notFound');
  const now = deps.clock.now();
  const state = toWindowState(window, now);
  const roles = resolveTeamRoles(request.viewer, team, input);
  return {
    ok: true,
    value: {
      card: buildCheckinCardData(input, team, window),
      answer: await deps.checkins.get(input.programme.id, team.id, request.month),
      window: state,
      canAnswer:
        state === 'open' &&
        mayAnswerCheckin(roles, getFollowUpSettings(input.programme).membersMayAnswer),
      lateNow: now.getTime() >= window.lateAfter.getTime(),
    },
  };
}
