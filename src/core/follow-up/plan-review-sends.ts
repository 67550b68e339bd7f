import { type FollowUpPlanInput, findTeamLead, listLabTeam } from './team-context';
import { getFollowUpSettings } from '../programmes/follow-up-settings';
import { type PlannedSend, type ReviewId, type SendRecipient, toPlannedSend } from './planned-send';
import { resolvePersonSchedule } from './resolve-person-schedule';
import { addDays } from '../scheduling/local-days';
import { resolveLocalDay } from '../scheduling/resolve-local-day';
import { toUtcInstant } from '../scheduling/to-utc-instant';

/** The preparation card goes out 14 days before the review (issue: "14 days before"). */
export const REVIEW_PREPARATION_DAYS_BEFORE = 14;
/** The reminder to prepare goes out 2 days before the review (issue: "2 days before"). */
export const REVIEW_REMINDER_DAYS_BEFORE = 2;
/** The outcome card goes out the day after the review (issue: "the day after"). */
export const REVIEW_OUTCOME_DAYS_AFTER = 1;
/**
 * The Lab team's review pack goes out on the working day before the review, late enough to carry
 * the preparation answers, early enough to be read before the meeting.
 */
export const REVIEW_PACK_WORKING_DAYS_BEFORE = 1;
/** An outcome card missed during downtime is still worth sending for two weeks after it was due. */
export const REVIEW_OUTCOME_GRACE_MS = 14 * 24 * 60 * 60 * 1000;

/** The reviews of a programme with their days, in calendar order. */
export function listReviews(
  input: Pick<FollowUpPlanInput, 'programme'>,
): { id: ReviewId; day: string }[] {
  const { milestones } = input.programme;
  return [
    { id: 'december', day: milestones.decemberReview },
    { id: 'march', day: milestones.marchReview },
  ];
}

/**
 * Every review send: for each review and team, the preparation card 14 days before, a reminder
 * 2 days before and the outcome card the day after (to the lead and the team's channel, moved to
 * working days of the lead's calendar); and a review pack per team to each Lab team member on
 * the working day before.
 */
export function planReviewSends(input: FollowUpPlanInput): PlannedSend[] {
  const { programme } = input;
  const time = getFollowUpSettings(programme).checkInTime;
  const labTeam = listLabTeam(input).map((member) => ({
    member,
    schedule: resolvePersonSchedule({ aadId: member.aadId }, input),
  }));
  const sends: PlannedSend[] = [];
  for (const review of listReviews(input)) {
    const period = review.day.slice(0, 7);
    for (const team of input.teams) {
      const lead = findTeamLead(team);
      const schedule = resolvePersonSchedule(lead, input);
      const leadRecipient: SendRecipient = {
        kind: 'person',
        role: 'lead',
        aadId: lead.aadId,
        name: lead.name,
      };
      const toTeam: SendRecipient[] =
        team.workspace === undefined
          ? [leadRecipient]
          : [leadRecipient, { kind: 'channel', conversationId: team.workspace.conversationId }];
      const base = { programmeId: programme.id, teamId: team.id, period, time, schedule, review };
      const dayAround = (days: number): string =>
        resolveLocalDay({ kind: 'days-after', day: review.day, days }, schedule.calendar);

      const reviewStarts = toUtcInstant(review.day, '00:00', schedule.timeZone);
      for (const recipient of toTeam) {
        sends.push(
          toPlannedSend({
            ...base,
            kind: 'review.preparation',
            job: 'review-preparation',
            day: dayAround(-REVIEW_PREPARATION_DAYS_BEFORE),
            recipient,
            expiresAt: reviewStarts,
          }),
        );
      }
      sends.push(
        toPlannedSend({
          ...base,
          kind: 'review.reminder',
          job: 'review-reminder',
          day: dayAround(-REVIEW_REMINDER_DAYS_BEFORE),
          recipient: leadRecipient,
        }),
      );
      const outcomeDay = dayAround(REVIEW_OUTCOME_DAYS_AFTER);
      const outcomeAt = toUtcInstant(outcomeDay, time, schedule.timeZone);
      for (const recipient of toTeam) {
        sends.push(
          toPlannedSend({
            ...base,
            kind: 'review.outcome',
            job: 'review-outcome',
            day: outcomeDay,
            recipient,
            expiresAt: new Date(outcomeAt.getTime() + REVIEW_OUTCOME_GRACE_MS),
          }),
        );
      }
      for (const { member, schedule: labSchedule } of labTeam) {
        sends.push(
          toPlannedSend({
            ...base,
            kind: 'review.pack',
            job: 'review-pack',
            day: resolveLocalDay(
              {
                kind: 'working-days-after',
                day: review.day,
                days: -REVIEW_PACK_WORKING_DAYS_BEFORE,
              },
              labSchedule.calendar,
            ),
            schedule: labSchedule,
            recipient: { kind: 'person', role: 'lab', aadId: member.aadId, name: member.name },
            // Still useful on the morning of the review itself.
            expiresAt: toUtcInstant(addDays(review.day, 1), '00:00', labSchedule.timeZone),
          }),
        );
      }
    }
  }
  return sends;
}
