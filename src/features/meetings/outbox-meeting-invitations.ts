import type { MeetingRecord } from '../../core/meetings/meeting';
import type { MeetingInvitations } from '../../core/ports/meeting-calendar';
import type { Notifier } from '../../core/ports/notifier';

/** The notice kind of an invitation without calendar access. */
export const MEETING_INVITATION_NOTICE = 'meeting.invitation';

/**
 * Invitations through the outbox when no calendar is connected: each attendee gets a card with
 * the meeting and a button for its .ics file, once per version of the meeting (the key carries
 * its SEQUENCE). Someone dropped from the attendees at this version gets a card with the
 * meeting's cancellation instead. Someone the bot cannot reach is skipped (the outbox counts
 * them): the meeting does not wait for them.
 */
export class OutboxMeetingInvitations implements MeetingInvitations {
  constructor(private readonly notifier: Notifier) {}

  async send(meeting: MeetingRecord): Promise<void> {
    const cancelled = meeting.state === 'cancelling' || meeting.state === 'cancelled';
    // Dropped at this version: their own cancellation, with the same button.
    const dropped = (meeting.dropped ?? []).filter((d) => d.sequence === meeting.sequence);
    await Promise.allSettled(
      [
        ...meeting.attendees.map((attendee) => ({ attendee, dropped: false })),
        ...dropped.map((attendee) => ({ attendee, dropped: true })),
      ].map(({ attendee, dropped: gone }) =>
        this.notifier.notify(
          [
            'meeting',
            meeting.programmeId,
            meeting.kind,
            meeting.teamId || 'all',
            meeting.period || 'once',
            `v${meeting.sequence}`,
            attendee.aadId,
          ].join(':'),
          { kind: 'user', aadId: attendee.aadId },
          {
            kind: MEETING_INVITATION_NOTICE,
            data: {
              programmeId: meeting.programmeId,
              kind: meeting.kind,
              teamId: meeting.teamId,
              period: meeting.period,
              subject: meeting.subject,
              startsAt: meeting.startsAt.toISOString(),
              endsAt: meeting.endsAt.toISOString(),
              timeZone: meeting.timeZone,
              cancelled: cancelled || gone,
              dropped: gone,
              updated: meeting.sequence > 0,
            },
          },
        ),
      ),
    );
  }
}
