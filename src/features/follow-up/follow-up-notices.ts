import type {
  CheckinCardData,
  CheckinEscalationData,
  ReviewCardData,
  ReviewPackData,
} from '../../core/follow-up/follow-up-notices';
import type { SendKind } from '../../core/follow-up/planned-send';
import { DEFAULT_TIME_ZONE } from '../../core/scheduling/compute-send-instant';
import type { NoticeRenderer } from '../../adapters/teams/notices/notice-renderer';
import {
  buildCheckinCard,
  buildEscalationCard,
  buildReviewCard,
  buildReviewPackCard,
  formatMonth,
} from './follow-up-cards';

/**
 * The cards of the follow-up notices, one renderer per kind: the check-in form (and its reminder),
 * the alert to facilitators, the review cards and the Lab team's review pack. A card is rendered
 * for nobody in particular; its refresh then shows each viewer what they may do.
 */
export function createFollowUpRenderers(): Record<SendKind, NoticeRenderer> {
  const checkin: NoticeRenderer = (notice, context) => {
    const data = notice.data as unknown as CheckinCardData;
    return {
      card: buildCheckinCard(context, {
        data,
        window: 'open',
        canAnswer: true,
        timeZone: DEFAULT_TIME_ZONE,
      }),
      summary: context.t(data.reminderDay === undefined ? 'checkin.title' : 'checkin.reminder', {
        month: formatMonth(data.month, context.language),
        team: context.t('followUp.team', { number: data.teamNumber, name: data.teamName }),
      }),
    };
  };
  const review =
    (kind: 'preparation' | 'outcome', reminder: boolean): NoticeRenderer =>
    (notice, context) => {
      const data = notice.data as unknown as ReviewCardData;
      return {
        card: buildReviewCard(context, {
          data,
          kind,
          window: 'open',
          canAnswer: true,
          reminder,
          timeZone: DEFAULT_TIME_ZONE,
        }),
        summary: context.t(
          kind === 'preparation' ? 'review.preparation.title' : 'review.outcome.title',
          {
            review: context.t(`followUp.review.${data.review}`),
            team: context.t('followUp.team', { number: data.teamNumber, name: data.teamName }),
          },
        ),
      };
    };
  return {
    'checkin.card': checkin,
    'checkin.reminder': checkin,
    'checkin.escalation': (notice, context) => {
      const data = notice.data as unknown as CheckinEscalationData;
      return {
        card: buildEscalationCard(context, data),
        summary: context.t('checkin.escalation.title', {
          team: context.t('followUp.team', { number: data.teamNumber, name: data.teamName }),
          month: formatMonth(data.month, context.language),
        }),
      };
    },
    'review.preparation': review('preparation', false),
    'review.reminder': review('preparation', true),
    'review.outcome': review('outcome', false),
    'review.pack': (notice, context) => {
      const data = notice.data as unknown as ReviewPackData;
      return {
        card: buildReviewPackCard(context, data),
        summary: context.t('review.pack.title', {
          team: context.t('followUp.team', { number: data.teamNumber, name: data.teamName }),
        }),
      };
    },
  };
}
