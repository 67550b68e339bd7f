import { buildCard } from '../../adapters/teams/cards/card-kit';
import type { CardContext } from '../../adapters/teams/cards/card-context';
import type { AdaptiveCardJson } from '../../adapters/teams/cards/render-card';
import type { NoticeRenderers } from '../../adapters/teams/notices/notice-renderer';
import { MEETING_INVITATION_NOTICE } from './outbox-meeting-invitations';
import { MeetingVerbs } from './meeting-verbs';

/** A meeting's date and times in its zone, in the reader's language ("mardi 8 décembre 2026, 14:00–15:00"). */
export function formatMeetingTime(
  language: CardContext['language'],
  startsAt: Date,
  endsAt: Date,
  timeZone: string,
): string {
  const locale = language === 'en' ? 'en-GB' : 'fr-FR';
  const day = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'full' }).format(startsAt);
  const time = new Intl.DateTimeFormat(locale, { timeZone, timeStyle: 'short' });
  return `${day}, ${time.format(startsAt)}–${time.format(endsAt)} (${timeZone})`;
}

/** The card of an invitation without calendar access: the meeting, and its .ics button. */
export function createMeetingRenderers(): NoticeRenderers {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return {
    [MEETING_INVITATION_NOTICE]: (notice, { t, language }) => {
      const data = notice.data;
      const cancelled = data.cancelled === true;
      const subject = text(data.subject);
      const when = formatMeetingTime(
        language,
        new Date(text(data.startsAt)),
        new Date(text(data.endsAt)),
        text(data.timeZone) || 'Europe/Paris',
      );
      const dropped = data.dropped === true;
      const title = t(
        dropped
          ? 'meetings.invitation.dropped'
          : cancelled
            ? 'meetings.invitation.cancelled'
            : data.updated === true
              ? 'meetings.invitation.updated'
              : 'meetings.invitation.title',
        { subject },
      );
      return {
        card: buildCard({
          title,
          lines: [
            when,
            t(
              dropped
                ? 'meetings.invitation.bodyDropped'
                : cancelled
                  ? 'meetings.invitation.bodyCancelled'
                  : 'meetings.invitation.body',
            ),
          ],
          actions: [
            {
              title: t('meetings.invitation.button'),
              verb: MeetingVerbs.ics,
              data: {
                programmeId: text(data.programmeId),
                kind: text(data.kind),
                teamId: text(data.teamId),
                period: text(data.period),
              },
            },
          ],
        }),
        summary: title,
      };
    },
  };
}

/** The .ics link of a meeting, valid 15 minutes, once. */
export function buildMeetingIcsLinkCard(
  { t }: CardContext,
  link: { subject: string; url: string; until: string },
): AdaptiveCardJson {
  return buildCard({
    title: link.subject,
    lines: [t('meetings.link.body', { time: link.until })],
    actions: [{ kind: 'url', title: t('meetings.link.button'), url: link.url }],
  });
}

/** Someone not invited, or a meeting that is no more: the same answer, so nothing leaks. */
export function buildMeetingUnknownCard({ t }: CardContext): AdaptiveCardJson {
  return buildCard({ title: t('meetings.link.unknown'), lines: [] });
}
