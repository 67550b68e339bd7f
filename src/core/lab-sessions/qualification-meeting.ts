import {
  LAB_QUALIFICATION_KIND,
  LAB_SESSION_MEETINGS,
  type MeetingRecord,
  type WantedMeeting,
} from '../meetings/meeting';
import { attendeesOf } from '../meetings/plan-meetings';
import { reconcileMeetings, type MeetingSyncReport } from '../meetings/sync-meetings';
import type { MeetingCalendar, MeetingInvitations } from '../ports/meeting-calendar';
import type { MeetingStore } from '../ports/meeting-store';
import { DEFAULT_TIME_ZONE } from '../scheduling/compute-send-instant';
import { isWorkingDay, toLocalDay } from '../scheduling/local-days';
import { toUtcInstant } from '../scheduling/to-utc-instant';
import type { ValidationIssue } from '../validation/validation-issue';
import type { LabSessionDeps, SessionActor } from './lab-session-deps';
import type { SessionRequest, SessionStatus } from './session-request';

/** The qualification meeting lasts an hour unless whoever sets it says otherwise. */
export const DEFAULT_MEETING_MINUTES = 60;

/** The lengths a qualification meeting may take, in minutes. */
export const MEETING_DURATIONS = [30, 45, 60, 90, 120] as const;

/** The qualification meeting as the request keeps it: wall-clock day and time in `timeZone`. */
export interface QualificationMeeting {
  day: string;
  time: string;
  timeZone: string;
  durationMinutes: number;
}

/**
 * Where the qualification meetings go: their record (one per request) and the organiser's
 * calendar through Graph, or, without it, the .ics invitations sent as Teams cards.
 */
export interface QualificationMeetingDeps {
  store: MeetingStore & { getByRequest(requestId: string): Promise<MeetingRecord | undefined> };
  calendar?: MeetingCalendar | undefined;
  invitations?: MeetingInvitations | undefined;
  /**
   * How long a turn waits for the calendar: given, the work is handed to it, which may answer
   * (undefined) before the work is done, the work going on; the hourly catch-up mends what fails.
   */
  within?: (work: Promise<MeetingSyncReport>) => Promise<MeetingSyncReport | undefined>;
}

/**
 * Statuses in which the meeting stays on calendars: from qualification on. Declined, put off
 * ("not now", even once back as a new request) or withdrawn, it is cancelled.
 */
const MEETING_STATUSES: readonly SessionStatus[] = [
  'qualification',
  'preparation',
  'held',
  'coldDebrief',
];

/** The raw inputs of the meeting, as a card sends them. */
export interface MeetingInput {
  meetingDay?: unknown;
  meetingTime?: unknown;
  meetingDuration?: unknown;
}

/**
 * Reads the meeting's day, time and duration. The day and time are read in the zone of whoever
 * sets them (the card says so); the meeting must start in the future, on a working day of the
 * requester's calendar (their weekends and public holidays). No day and no time give null when
 * the meeting is optional, whatever the length says; each refusal is an issue under its field.
 */
export function readQualificationMeeting(
  deps: Pick<LabSessionDeps, 'clock' | 'calendarFor'>,
  request: Pick<SessionRequest, 'requesterTimeZone'>,
  actor: Pick<SessionActor, 'timeZone'>,
  input: MeetingInput,
  issues: ValidationIssue[],
  options: { required: boolean },
): QualificationMeeting | null {
  const textOf = (value: unknown): string | undefined =>
    value === undefined || value === null
      ? ''
      : typeof value === 'string'
        ? value.trim()
        : typeof value === 'number'
          ? String(value)
          : undefined;
  const day = textOf(input.meetingDay);
  const time = textOf(input.meetingTime);
  const duration = textOf(input.meetingDuration);
  // The length alone says nothing: the card always sends one (its list has a default).
  if (!options.required && day === '' && time === '') return null;
  const before = issues.length;
  if (day === undefined) issues.push({ path: ['meetingDay'], code: 'expectedText', params: {} });
  else if (day === '') issues.push({ path: ['meetingDay'], code: 'required', params: {} });
  else if (!isRealDay(day)) {
    issues.push({ path: ['meetingDay'], code: 'date', params: { value: day.slice(0, 20) } });
  }
  if (time === undefined) issues.push({ path: ['meetingTime'], code: 'expectedText', params: {} });
  else if (time === '') issues.push({ path: ['meetingTime'], code: 'required', params: {} });
  else if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) {
    issues.push({ path: ['meetingTime'], code: 'time', params: { value: time.slice(0, 20) } });
  }
  const minutes = duration === '' ? DEFAULT_MEETING_MINUTES : Number(duration);
  if (!MEETING_DURATIONS.some((allowed) => allowed === minutes)) {
    issues.push({
      path: ['meetingDuration'],
      code: 'choice',
      params: { allowed: MEETING_DURATIONS.join(', ') },
    });
  }
  if (issues.length > before || day === undefined || time === undefined) return null;
  const timeZone = actor.timeZone ?? DEFAULT_TIME_ZONE;
  const startsAt = toUtcInstant(day, time, timeZone);
  const now = deps.clock.now();
  if (startsAt.getTime() <= now.getTime()) {
    const today = toLocalDay(now, timeZone);
    issues.push({
      path: ['meetingDay'],
      code: 'dateOrder',
      params: { previousDate: today, previous: today },
    });
    return null;
  }
  // The requester's own day at that instant: a meeting at 09:00 in Paris is 05:00 in Cayenne,
  // the same day; their weekends and holidays decide.
  const requesterDay = toLocalDay(startsAt, request.requesterTimeZone);
  if (!isWorkingDay(requesterDay, deps.calendarFor(request.requesterTimeZone))) {
    issues.push({ path: ['meetingDay'], code: 'invalid', params: { value: requesterDay } });
    return null;
  }
  return { day, time, timeZone, durationMinutes: minutes };
}

/** The meeting's start and end instants. */
export function toMeetingInstants(meeting: QualificationMeeting): { startsAt: Date; endsAt: Date } {
  const startsAt = toUtcInstant(meeting.day, meeting.time, meeting.timeZone);
  return { startsAt, endsAt: new Date(startsAt.getTime() + meeting.durationMinutes * 60_000) };
}

/**
 * The meeting the request wants on calendars now: the requester and both facilitators, at the
 * time set; none before it is set, nor once the request is declined, put off or withdrawn. Its
 * key is the request's id, so a moved meeting is the same event. The subject names the tracking
 * number only: what the requester wrote stays on the request.
 */
export function toWantedQualificationMeeting(request: SessionRequest): WantedMeeting | undefined {
  const meeting = request.qualificationMeeting;
  if (meeting === null || !MEETING_STATUSES.includes(request.status)) return undefined;
  if (request.facilitators.length === 0) return undefined;
  return {
    programmeId: LAB_SESSION_MEETINGS,
    kind: LAB_QUALIFICATION_KIND,
    teamId: request.id,
    period: '',
    subject: `Lab — réunion de qualification / qualification meeting — ${request.trackingNumber}`,
    ...toMeetingInstants(meeting),
    timeZone: meeting.timeZone,
    attendees: attendeesOf([request.requester, ...request.facilitators]),
  };
}

/**
 * Brings the request's qualification meeting on calendars to what the request wants now:
 * created, moved (same event or .ics UID, SEQUENCE up, never a second one), or cancelled. A
 * calendar that refuses is recorded on the meeting and tried again by the hourly run. Without
 * meetings configured (unit tests of other steps), nothing happens.
 */
export async function syncQualificationMeeting(
  deps: Pick<LabSessionDeps, 'meetings' | 'clock'>,
  request: SessionRequest,
): Promise<MeetingSyncReport | undefined> {
  const meetings = deps.meetings;
  if (meetings === undefined) return undefined;
  const wanted = toWantedQualificationMeeting(request);
  const stored = await meetings.store.getByRequest(request.id);
  if (wanted === undefined && stored === undefined) return undefined;
  const work = reconcileMeetings(
    wanted === undefined ? [] : [wanted],
    stored === undefined ? [] : [stored],
    {
      store: meetings.store,
      calendar: meetings.calendar,
      invitations: meetings.invitations,
      now: deps.clock.now(),
    },
    // Three people and a meeting days away: the invitation goes at once, however far ahead.
    { announceDays: Number.POSITIVE_INFINITY },
  );
  return meetings.within === undefined ? work : meetings.within(work);
}

/**
 * The hourly catch-up: every qualification meeting still to come that is not as its request
 * wants it (a calendar that refused or was too busy, a stop between the request's write and the
 * calendar's) is brought up to date; one that is needs no call. Returns how many were looked at.
 */
export async function catchUpQualificationMeetings(
  deps: Pick<LabSessionDeps, 'meetings' | 'clock' | 'sessions'>,
): Promise<number> {
  const meetings = deps.meetings;
  if (meetings === undefined) return 0;
  const now = deps.clock.now().getTime();
  const ids = new Set<string>();
  for (const meeting of await meetings.store.listByProgramme(LAB_SESSION_MEETINGS)) {
    if (meeting.state !== 'cancelled' && meeting.startsAt.getTime() > now) ids.add(meeting.teamId);
  }
  const waiting = new Map<string, SessionRequest>();
  for (const request of await deps.sessions.list(['qualification'])) {
    const meeting = request.qualificationMeeting;
    if (meeting !== null && toMeetingInstants(meeting).startsAt.getTime() > now) {
      waiting.set(request.id, request);
      ids.add(request.id);
    }
  }
  for (const id of ids) {
    const request = waiting.get(id) ?? (await deps.sessions.get(id));
    if (request !== undefined) await syncQualificationMeeting(deps, request);
  }
  return ids.size;
}

function isRealDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const date = new Date(`${day}T12:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}
