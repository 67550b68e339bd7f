import type { MeetingRecord } from '../meetings/meeting';

/** Why a calendar call failed: a permission refused, the event or organiser unknown, Graph too busy, or another error. */
export class MeetingCalendarError extends Error {
  override name = 'MeetingCalendarError';
  constructor(
    message: string,
    readonly reason: 'permission' | 'not-found' | 'throttled' | 'error',
    /** For a refusal: the permission the call needs. */
    readonly permission?: string,
  ) {
    super(message);
  }
}

/**
 * The organiser's calendar (Microsoft Graph in production): events with a Teams meeting,
 * invitations sent by the calendar service itself to the attendees.
 */
export interface MeetingCalendar {
  /**
   * Creates the event and returns its id. Creating the same meeting again (same `icsUid`) after
   * a crash returns the first event rather than a second one.
   */
  create(meeting: MeetingRecord): Promise<{ eventId: string }>;
  /** Moves the event, renames it or changes its attendees; attendees are told. */
  update(eventId: string, meeting: MeetingRecord): Promise<void>;
  /** Cancels the event; attendees get the cancellation. */
  cancel(eventId: string, comment: string): Promise<void>;
}

/**
 * Without calendar access: each attendee gets the meeting as an .ics file they open themselves
 * (a card with a link), once per version of the meeting (its SEQUENCE).
 */
export interface MeetingInvitations {
  /** Tells every attendee of this version of the meeting (created, moved or cancelled). */
  send(meeting: MeetingRecord): Promise<void>;
}
