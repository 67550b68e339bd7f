import type { CheckinCardData } from '../follow-up/follow-up-notices';
import type { FollowUpPlanInput } from '../follow-up/follow-up-plan-input';
import { findTeamLead } from '../follow-up/find-team-lead';
import { getFollowUpSettings } from '../follow-up/get-follow-up-settings';
import { listLabTeam } from '../follow-up/list-lab-team';
import { listTeamViewers } from '../follow-up/list-team-viewers';
import { toTeamHeading } from '../follow-up/to-team-heading';
import type { ProgrammeTeam } from '../programme-teams/programme-team';
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
