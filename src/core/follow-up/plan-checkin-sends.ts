import { type FollowUpPlanInput, findTeamLead } from './team-context';
import { getFollowUpSettings } from '../programmes/follow-up-settings';
import { type PlannedSend, type SendRecipient, toPlannedSend } from './planned-send';
import { resolvePersonSchedule } from './resolve-person-schedule';
import { resolveLocalDay } from '../scheduling/resolve-local-day';
import { getCheckinWindow } from './checkin-window';

/**
 * Every check-in send of the given months: the card to each lead (personal chat) and to the
 * team's channel, the reminders to the lead, and the escalation to each facilitator, at the
 * programme's local time in each recipient's zone. Whether a reminder or an escalation is still
 * needed (answered? paused?) is decided when it is due, not here.
 */
export function planCheckinSends(
  input: FollowUpPlanInput,
  months: readonly string[],
): PlannedSend[] {
  const { programme } = input;
  const settings = getFollowUpSettings(programme);
  const sends: PlannedSend[] = [];
  for (const team of input.teams) {
    const lead = findTeamLead(team);
    const leadSchedule = resolvePersonSchedule(lead, input);
    const leadRecipient: SendRecipient = {
      kind: 'person',
      role: 'lead',
      aadId: lead.aadId,
      name: lead.name,
    };
    const facilitators = team.facilitators.map((person) => ({
      person,
      schedule: resolvePersonSchedule(person, input),
    }));
    for (const month of months) {
      const window = getCheckinWindow(month, programme.milestones, settings, leadSchedule);
      if (window === undefined) continue;
      const base = {
        programmeId: programme.id,
        teamId: team.id,
        period: month,
        time: settings.checkInTime,
      };
      // The card stays worth sending while the month is open: answering is what matters. It ends
      // just before the next month's card, so a tick at that instant never sends both.
      const monthOpen = new Date(window.closesAt.getTime() - 1);
      const card = {
        ...base,
        kind: 'checkin.card' as const,
        job: 'checkin',
        day: window.sendDay,
        schedule: leadSchedule,
        expiresAt: monthOpen,
      };
      sends.push(toPlannedSend({ ...card, recipient: leadRecipient }));
      if (team.workspace !== undefined) {
        sends.push(
          toPlannedSend({
            ...card,
            recipient: { kind: 'channel', conversationId: team.workspace.conversationId },
          }),
        );
      }
      for (const reminder of window.reminders) {
        sends.push(
          toPlannedSend({
            ...base,
            kind: 'checkin.reminder',
            job: `checkin-reminder-d${reminder.workingDay}`,
            day: reminder.day,
            schedule: leadSchedule,
            recipient: leadRecipient,
            reminderDay: reminder.workingDay,
          }),
        );
      }
      for (const { person, schedule } of facilitators) {
        // The escalation day is counted in the lead's calendar, then moved to a working day of
        // the facilitator's own calendar.
        const day = resolveLocalDay(
          { kind: 'working-days-after', day: window.escalationDay, days: 0 },
          schedule.calendar,
        );
        sends.push(
          toPlannedSend({
            ...base,
            kind: 'checkin.escalation',
            job: 'checkin-escalation',
            day,
            schedule,
            recipient: {
              kind: 'person',
              role: 'facilitator',
              aadId: person.aadId,
              name: person.name,
            },
            expiresAt: monthOpen,
          }),
        );
      }
    }
  }
  return sends;
}
