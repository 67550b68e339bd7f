import { MEETING_KINDS, type MeetingKind } from '../programmes/meeting-settings';

/**
 * The qualification meeting of a Lab session request (the requester and its two facilitators):
 * not a programme's meeting, so its `programmeId` is LAB_SESSION_MEETINGS and its `teamId` the
 * request's id.
 */
export const LAB_QUALIFICATION_KIND = 'labQualification';

/** The programme id every Lab session meeting carries: no programme file can take it (`@`). */
export const LAB_SESSION_MEETINGS = '@lab-sessions';

/** Every kind of meeting the bot puts on calendars: a programme's, and a Lab session's. */
export const CALENDAR_MEETING_KINDS = [...MEETING_KINDS, LAB_QUALIFICATION_KIND] as const;
export type CalendarMeetingKind = MeetingKind | typeof LAB_QUALIFICATION_KIND;

/** Someone invited to a meeting. */
export interface MeetingAttendee {
  aadId: string;
  name: string;
}

/**
 * Someone dropped from a meeting's attendees (moved to another team, say) when the bot has no
 * calendar: they may download the meeting's cancellation at `sequence`, and nothing newer.
 */
export interface DroppedAttendee extends MeetingAttendee {
  sequence: number;
}

/**
 * A meeting the programme wants on calendars, named by its key: the programme, the kind, the
 * team (empty for the whole programme) and the period (the month of a monthly exchange, else
 * empty). The key never changes when dates move, so a moved meeting is updated, not duplicated.
 */
export interface WantedMeeting {
  programmeId: string;
  kind: CalendarMeetingKind;
  teamId: string;
  period: string;
  /** Subject line, as calendars show it (programme, meeting, team). */
  subject: string;
  startsAt: Date;
  endsAt: Date;
  /** The zone the meeting's times are set in (the programme's). */
  timeZone: string;
  /** Sorted by Entra id, each once. */
  attendees: MeetingAttendee[];
}

/**
 * Where a stored meeting stands: `pending` (to create), `active` (on calendars as stored),
 * `stale` (changed since, to update), `cancelling` (no longer wanted, to cancel), `cancelled`.
 */
export type MeetingState = 'pending' | 'active' | 'stale' | 'cancelling' | 'cancelled';

/** How a meeting reaches calendars: a Graph event with a Teams meeting, or an .ics invitation. */
export type MeetingRoute = 'graph' | 'ics';

/** A meeting as the bot recorded it. */
export interface MeetingRecord extends WantedMeeting {
  /** A digest of the attendee list, so a change of attendees is seen without comparing lists. */
  attendeesDigest: string;
  /** People dropped from the attendees of an .ics meeting (none with a calendar, which tells them). */
  dropped?: DroppedAttendee[];
  /** The Graph event id, once created there. */
  externalEventId: string | null;
  /** The iCalendar UID, stable for the meeting's life: updates replace the same event. */
  icsUid: string;
  /** Incremented at every change, as RFC 5545 SEQUENCE. */
  sequence: number;
  state: MeetingState;
  route: MeetingRoute | null;
  /** Why the last attempt failed (missing permission, throttled, unknown organiser), or null. */
  lastError: string | null;
  updatedAt: Date;
}

/** The key of a meeting, as one string (for maps and idempotency keys). */
export function toMeetingKey(
  meeting: Pick<WantedMeeting, 'programmeId' | 'kind' | 'teamId' | 'period'>,
): string {
  return [meeting.programmeId, meeting.kind, meeting.teamId, meeting.period].join(':');
}
