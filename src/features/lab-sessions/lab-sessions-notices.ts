import { LAB_SESSION_NOTICES } from '../../core/lab-sessions/lab-session-notices';
import { PREPARATION_MILESTONES } from '../../core/lab-sessions/plan-preparation-milestones';
import { SESSION_STATUSES, type SessionStatus } from '../../core/lab-sessions/session-request';
import { formatDay } from '../../i18n/translate';
import type { CardContext } from '../../adapters/teams/cards/card-context';
import { buildCard } from '../../adapters/teams/cards/card-kit';
import type { NoticeRenderers } from '../../adapters/teams/notices/notice-renderer';
import {
  buildColdDebriefCard,
  buildHotDebriefCard,
  formatMeeting,
  statusName,
} from './lab-sessions-cards';
import { LabSessionVerbs } from './lab-sessions-verbs';

const STEPS = ['qualification', 'go', 'noGo', 'notNow', 'scheduled'] as const;

/**
 * Cards for the notices of Lab sessions: the Lab team's notice of a new (or returning) request,
 * each step told to the requester, the facilitators' nomination, a withdrawal, and the two
 * debrief cards.
 */
export function createLabSessionRenderers(): NoticeRenderers {
  return {
    [LAB_SESSION_NOTICES.requested]: (notice, context) => {
      const { t } = context;
      const data = notice.data;
      const back = data.back === true;
      const title = t(back ? 'labSession.back.title' : 'labSession.requested.title', {
        tracking: text(data.trackingNumber),
      });
      return {
        card: buildCard({
          title,
          lines: [
            t(back ? 'labSession.back.body' : 'labSession.requested.body', {
              requester: text(data.requesterName),
              subject: text(data.subject),
              reason: text(data.reason),
            }),
          ],
          actions: [openAction(context, data)],
        }),
        summary: title,
      };
    },
    [LAB_SESSION_NOTICES.withdrawn]: (notice, context) => {
      const { t } = context;
      const title = t('labSession.withdrawnNotice.title', {
        tracking: text(notice.data.trackingNumber),
      });
      return {
        card: buildCard({
          title,
          lines: [
            t('labSession.withdrawnNotice.body', {
              requester: text(notice.data.requesterName),
              subject: text(notice.data.subject),
            }),
          ],
        }),
        summary: title,
      };
    },
    [LAB_SESSION_NOTICES.assigned]: (notice, context) => {
      const { t } = context;
      const data = notice.data;
      const title = t('labSession.assigned.title', { tracking: text(data.trackingNumber) });
      // The meeting when the Lab set it; else the facilitators are asked to plan it.
      const meeting = meetingLines(context, data);
      return {
        card: buildCard({
          title,
          lines: [
            t('labSession.assigned.body', {
              subject: text(data.subject),
              requester: text(data.requesterName),
              facilitators: text(data.facilitators),
            }),
            ...(meeting.length > 0 ? meeting : [t('labSession.assigned.planMeeting')]),
          ],
          actions: [openAction(context, data)],
        }),
        summary: title,
      };
    },
    [LAB_SESSION_NOTICES.update]: (notice, context) => {
      const { t, language } = context;
      const data = notice.data;
      const step = STEPS.find((s) => s === data.step) ?? 'qualification';
      const params = {
        tracking: text(data.trackingNumber),
        subject: text(data.subject),
        facilitators: text(data.facilitators),
        reason: text(data.reason),
        day: dayOf(step === 'notNow' ? data.revisitOn : data.sessionDay, language),
        coldDay: dayOf(data.coldDebriefDay, language),
      };
      const title = t(`labSession.update.${step}.title`, params);
      return {
        card: buildCard({
          title,
          subtitle: statusName(context, toStatus(data.status)),
          lines: [
            t(`labSession.update.${step}.body`, params),
            ...(step === 'qualification' ? meetingLines(context, data) : []),
          ],
          actions: [openAction(context, data)],
        }),
        summary: title,
      };
    },
    [LAB_SESSION_NOTICES.milestone]: (notice, context) => {
      const { t, language } = context;
      const data = notice.data;
      const milestone =
        PREPARATION_MILESTONES.find((m) => m.id === data.milestone) ?? PREPARATION_MILESTONES[0];
      const title = t('labSession.milestone.title', {
        days: milestone.daysBefore,
        tracking: text(data.trackingNumber),
        milestone: t(`labSession.milestone.${milestone.id}`),
      });
      return {
        card: buildCard({
          title,
          lines: [
            t(`labSession.milestone.body.${milestone.id}`, {
              subject: text(data.subject),
              day: dayOf(data.sessionDay, language),
            }),
          ],
          actions: [openAction(context, data)],
        }),
        summary: title,
      };
    },
    // No button: a participant does not see the request, only their invitation.
    [LAB_SESSION_NOTICES.invitation]: (notice, context) => {
      const { t, language } = context;
      const data = notice.data;
      const title = t('labSession.invitation.title', { subject: text(data.subject) });
      return {
        card: buildCard({
          title,
          lines: [
            t('labSession.invitation.body', {
              tracking: text(data.trackingNumber),
              day: dayOf(data.sessionDay, language),
            }),
          ],
        }),
        summary: title,
      };
    },
    [LAB_SESSION_NOTICES.uninvited]: (notice, context) => {
      const { t, language } = context;
      const data = notice.data;
      const cancelled = data.cancelled === true;
      const title = t(cancelled ? 'labSession.cancelled.title' : 'labSession.uninvited.title', {
        subject: text(data.subject),
      });
      return {
        card: buildCard({
          title,
          lines: [
            t(cancelled ? 'labSession.cancelled.body' : 'labSession.uninvited.body', {
              tracking: text(data.trackingNumber),
              day: dayOf(data.sessionDay, language),
            }),
          ],
        }),
        summary: title,
      };
    },
    [LAB_SESSION_NOTICES.hotDebrief]: (notice, context) => {
      const request = {
        id: text(notice.data.requestId),
        trackingNumber: text(notice.data.trackingNumber),
        subject: text(notice.data.subject),
      };
      return {
        card: buildHotDebriefCard(context, request),
        summary: context.t('labSession.hot.title', { subject: request.subject }),
      };
    },
    [LAB_SESSION_NOTICES.coldDebrief]: (notice, context) => {
      const request = {
        id: text(notice.data.requestId),
        trackingNumber: text(notice.data.trackingNumber),
        subject: text(notice.data.subject),
        sessionDay: text(notice.data.sessionDay),
      };
      const reminder = notice.data.reminder === true;
      return {
        card: buildColdDebriefCard(
          context,
          request,
          reminder
            ? { banner: { text: context.t('labSession.cold.reminder'), style: 'warning' } }
            : {},
        ),
        summary: context.t('labSession.cold.title', { subject: request.subject }),
      };
    },
  };
}

function openAction(context: CardContext, data: Record<string, unknown>) {
  return {
    kind: 'execute' as const,
    title: context.t('labSession.action.open', { tracking: text(data.trackingNumber) }),
    verb: LabSessionVerbs.view,
    data: { requestId: text(data.requestId) },
  };
}

/** The qualification meeting's line, when the Lab set one. */
function meetingLines(context: CardContext, data: Record<string, unknown>): string[] {
  const day = text(data.meetingDay);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return [];
  const duration = Number(text(data.meetingDuration));
  const meeting = formatMeeting(
    context,
    day,
    text(data.meetingTime),
    text(data.meetingZone),
    Number.isInteger(duration) && duration > 0 ? duration : undefined,
  );
  return [context.t('labSession.meetingLine', { meeting })];
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

function dayOf(value: unknown, language: CardContext['language']): string {
  const day = text(value);
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? formatDay(day, language) : '';
}

function toStatus(value: unknown): SessionStatus {
  return SESSION_STATUSES.find((status) => status === value) ?? 'requested';
}
