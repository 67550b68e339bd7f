import { getFollowUpSettings } from '../programmes/follow-up-settings';
import type { ProgrammeTeam } from '../programmes/programme-team';
import type { CheckinAnswer } from './checkin-answer';
import {
  getTeamCheckinWindow,
  toWindowState,
  type CheckinWindow,
  type WindowState,
} from './checkin-window';
import type { FollowUpDeps } from './follow-up-deps';
import type { CheckinCardData } from './follow-up-notices';
import { refuseFollowUp, type FollowUpOutcome } from './follow-up-outcome';
import {
  findTeamLead,
  listLabTeam,
  listTeamViewers,
  loadTeamContext,
  mayReadTeam,
  resolveTeamRoles,
  toTeamHeading,
  type FollowUpActor,
  type FollowUpPlanInput,
  type TeamRoles,
} from './team-context';

/** A check-in card as one person sees it now: the form, the answer, and what they may do. */
export interface CheckinView {
  card: CheckinCardData;
  answer: CheckinAnswer | undefined;
  window: WindowState;
  /** The viewer may answer, or edit the answer, now. */
  canAnswer: boolean;
  /** An answer given now would be marked late. */
  lateNow: boolean;
}

/**
 * Who may answer a team's check-in: its lead, its members when the programme allows it, and the
 * Lab team (to record an answer given by phone, say). Facilitators follow, they do not answer.
 */
export function mayAnswerCheckin(roles: TeamRoles, membersMayAnswer: boolean): boolean {
  return roles.lead || roles.lab || (membersMayAnswer && roles.member);
}

/** What the check-in card of a team and month shows, whoever looks at it. */
export function buildCheckinCardData(
  input: FollowUpPlanInput,
  team: ProgrammeTeam,
  window: CheckinWindow,
): CheckinCardData {
  return {
    ...toTeamHeading(input.programme, team),
    month: window.month,
    leadName: findTeamLead(team).name,
    answerByDay: window.answerByDay,
    indicators: getFollowUpSettings(input.programme).indicators,
    viewerAadIds: listTeamViewers(team, listLabTeam(input)),
  };
}

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
  const roles = resolveTeamRoles(request.viewer, team, input);
  if (!mayReadTeam(roles)) return refuseFollowUp('notReader');
  const window = getTeamCheckinWindow(input, team, request.month);
  if (window === undefined) return refuseFollowUp('notFound');
  const now = deps.clock.now();
  const state = toWindowState(window, now);
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
