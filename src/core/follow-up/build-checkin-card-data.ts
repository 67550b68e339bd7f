import type { CheckinCardData } from './follow-up-notices';
import type { FollowUpPlanInput } from './follow-up-plan-input';
import { findTeamLead } from './find-team-lead';
import { getFollowUpSettings } from '../programmes/get-follow-up-settings';
import { listLabTeam } from './list-lab-team';
import { listTeamViewers } from './list-team-viewers';
import { toTeamHeading } from './to-team-heading';
import type { ProgrammeTeam } from '../programmes/programme-team';
import type { CheckinWindow } from './get-checkin-window';

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
