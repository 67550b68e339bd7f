import { buildCheckinCardData } from './get-checkin-view';
import { getTeamCheckinWindow } from './checkin-window';
import { toHistoryLine } from './list-team-history';
import type { AbsenceStore } from '../ports/absence-store';
import type { CheckinStore } from '../ports/checkin-store';
import type { NoticeRecipient, Notifier } from '../ports/notifier';
import type { ReviewStore } from '../ports/review-store';
import type {
  CheckinCardData,
  CheckinEscalationData,
  ReviewCardData,
  ReviewPackData,
} from './follow-up-notices';
import {
  type FollowUpPlanInput,
  listLabTeam,
  listTeamViewers,
  findTeamLead,
  toTeamHeading,
} from './team-context';
import { getFollowUpSettings } from '../programmes/follow-up-settings';
import type { PlannedSend } from './planned-send';

/** What sending a planned card needs: the notifier, and the stores that say whether it still should. */
export interface FollowUpSendDeps {
  notifier: Notifier;
  checkins: CheckinStore;
  reviews: ReviewStore;
  absences: AbsenceStore;
}

/**
 * What became of a due send: queued, or skipped because the team already answered, the
 * recipient declared an absence covering the day, or the team or month no longer exists.
 */
export type SendOutcome = 'sent' | 'answered' | 'absent' | 'gone';

/**
 * Sends one planned card when it is due. Reminders and escalations go only to teams that have
 * not answered, and never to someone absent that day; the message's idempotency key is the
 * send's key, so running it again queues nothing twice.
 */
export async function runPlannedSend(
  send: PlannedSend,
  input: FollowUpPlanInput,
  deps: FollowUpSendDeps,
): Promise<SendOutcome> {
  const { programme } = input;
  const team = input.teams.find((candidate) => candidate.id === send.teamId);
  if (team === undefined) return 'gone';
  const heading = toTeamHeading(programme, team);
  const labTeam = listLabTeam(input);
  const viewerAadIds = listTeamViewers(team, labTeam);
  const recipient: NoticeRecipient =
    send.recipient.kind === 'channel'
      ? { kind: 'conversation', conversationId: send.recipient.conversationId }
      : { kind: 'user', aadId: send.recipient.aadId };
  const isAbsent = async (): Promise<boolean> => {
    if (send.recipient.kind !== 'person') return false;
    const absence = await deps.absences.get(send.recipient.aadId);
    return absence !== undefined && absence.until >= send.localDay;
  };
  const notify = (data: object): Promise<void> =>
    deps.notifier.notify(
      send.key,
      recipient,
      { kind: send.kind, data: data as Record<string, unknown> },
      send.dueAt,
    );

  switch (send.kind) {
    case 'checkin.card':
    case 'checkin.reminder': {
      const window = getTeamCheckinWindow(input, team, send.period);
      if (window === undefined) return 'gone';
      if (send.kind === 'checkin.reminder') {
        if (await deps.checkins.get(programme.id, team.id, send.period)) return 'answered';
        if (await isAbsent()) return 'absent';
      }
      const data: CheckinCardData = buildCheckinCardData(input, team, window);
      if (send.reminderDay !== undefined) data.reminderDay = send.reminderDay;
      await notify(data);
      return 'sent';
    }
    case 'checkin.escalation': {
      if (await deps.checkins.get(programme.id, team.id, send.period)) return 'answered';
      if (await isAbsent()) return 'absent';
      const lead = findTeamLead(team);
      const leadAbsence = await deps.absences.get(lead.aadId);
      const data: CheckinEscalationData = {
        ...heading,
        month: send.period,
        leadName: lead.name,
        reminderDays: getFollowUpSettings(programme).reminderWorkingDays,
      };
      if (leadAbsence !== undefined && leadAbsence.until >= send.localDay) {
        data.leadAbsentUntil = leadAbsence.until;
      }
      await notify(data);
      return 'sent';
    }
    case 'review.preparation':
    case 'review.reminder':
    case 'review.outcome': {
      const review = send.review;
      if (review === undefined) return 'gone';
      if (send.kind === 'review.reminder') {
        if (await deps.reviews.get(programme.id, team.id, review.id, 'preparation')) {
          return 'answered';
        }
        if (await isAbsent()) return 'absent';
      }
      if (
        send.kind === 'review.outcome' &&
        (await deps.reviews.get(programme.id, team.id, review.id, 'outcome'))
      ) {
        return 'answered';
      }
      const data: ReviewCardData = {
        ...heading,
        review: review.id,
        reviewDay: review.day,
        viewerAadIds,
      };
      await notify(data);
      return 'sent';
    }
    case 'review.pack': {
      const review = send.review;
      if (review === undefined) return 'gone';
      const history = (await deps.checkins.listByTeam(programme.id, team.id))
        .filter((answer) => answer.month <= review.day.slice(0, 7))
        .map(toHistoryLine);
      const preparation = await deps.reviews.get(programme.id, team.id, review.id, 'preparation');
      const data: ReviewPackData = {
        ...heading,
        review: review.id,
        reviewDay: review.day,
        history,
        preparation:
          preparation?.kind === 'preparation'
            ? { ...preparation.fields, answeredBy: preparation.answeredBy.name }
            : null,
      };
      await notify(data);
      return 'sent';
    }
  }
}
