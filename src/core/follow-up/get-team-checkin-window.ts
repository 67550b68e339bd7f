import type { FollowUpPlanInput } from './follow-up-plan-input';
import { findTeamLead } from './find-team-lead';
import { getFollowUpSettings } from '../programmes/get-follow-up-settings';
import { resolvePersonSchedule } from './resolve-person-schedule';
import type { ProgrammeTeam } from '../programmes/programme-team';
import { getCheckinWindow, type CheckinWindow } from './get-checkin-window';

/** A team's check-in window for a month, in its lead's zone and calendar; undefined when there is none. */
export function getTeamCheckinWindow(
  input: FollowUpPlanInput,
  team: ProgrammeTeam,
  month: string,
): CheckinWindow | undefined {
  return getCheckinWindow(
    month,
    input.programme.milestones,
    getFollowUpSettings(input.programme),
    resolvePersonSchedule(findTeamLead(team), input),
  );
}
