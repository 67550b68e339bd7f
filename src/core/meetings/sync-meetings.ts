import { createHash } from 'node:crypto';
import {
  MeetingCalendarError,
  type MeetingCalendar,
  type MeetingInvitations,
} from '../ports/meeting-calendar';
import type { MeetingStore } from '../ports/meeting-store';
import type { Programme } from '../programmes/programme';
import type { ProgrammeTeam } from '../programmes/programme-team';
import {
  toMeetingKey,
  type DroppedAttendee,
  type MeetingAttendee,
  type MeetingRecord,
  type MeetingRoute,
  type WantedMeeting,
} from './meeting';
import { planMeetings, type MeetingSubjects } from './plan-meetings';

/** A meeting the calendar refused or could not take, and why. */
export interface MeetingFailure {
  key: string;
  subject: string;
  reason: 'permission' | 'not-found' | 'throttled' | 'error';
  detail: string;
}

/** What a reconciliation did; `route` is null when the bot has no way to reach calendars. */
export interface MeetingSyncReport {
  route: MeetingRoute | null;
  created: number;
  updated: number;
  cancelled: number;
  unchanged: number;
  failed: MeetingFailure[];
}

/** What reconciling needs: the stored meetings, and the calendar or, without it, .ics invitations. */
export interface MeetingSyncDeps {
  store: MeetingStore;
  /** The organiser's calendar through Graph; absent without calendar access. */
  calendar?: MeetingCalendar | undefined;
  /** Used when there is no calendar: invitations the attendees add themselves. */
  invitations?: MeetingInvitations | undefined;
  now: Date;
  subjects?: MeetingSubjects;
}

/**
 * Without a calendar, each invitation is a card in Teams: a meeting is announced about a month
 * ahead (a programme's year at once would be a dozen cards per person); the hourly run announces
 * the next ones as they come within it.
 */
export const ICS_ANNOUNCE_DAYS = 31;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The sentence the calendar sends with a cancellation. */
const CANCEL_COMMENT = 'Cette réunion n’a plus lieu. / This meeting no longer takes place.';

/**
 * Brings the stored meetings of a programme, and the calendars behind them, to what the
 * programme wants now (planMeetings): creates what is missing, updates a meeting whose time,
 * subject or attendees changed (the same event, never a second one), and cancels one no longer
 * wanted (a dissolved team, a kind of meeting removed from the file). Meetings already past are
 * left as they were; without a calendar, meetings are announced ICS_ANNOUNCE_DAYS ahead. Running
 * it again changes nothing; a failed call is recorded with its reason
 * on the meeting and tried again on the next run. A refused permission stops the calls at once:
 * every later one would be refused too.
 */
export async function syncMeetings(
  programme: Programme,
  teams: readonly ProgrammeTeam[],
  deps: MeetingSyncDeps,
): Promise<MeetingSyncReport> {
  if (deps.calendar === undefined && deps.invitations === undefined) {
    return reconcileMeetings([], [], deps);
  }
  const wanted = planMeetings(programme, teams, deps.subjects ? { subjects: deps.subjects } : {});
  return reconcileMeetings(wanted, await deps.store.listByProgramme(programme.id), deps);
}

/**
 * Brings the meetings given as stored to those wanted, matched by key: creates, updates (the
 * same event, SEQUENCE up) or cancels, as syncMeetings describes. A stored meeting not wanted is
 * cancelled, so pass only the stored meetings the wanted list speaks for. `announceDays` bounds
 * how far ahead an .ics invitation is sent (ICS_ANNOUNCE_DAYS by default).
 */
export async function reconcileMeetings(
  wanted: readonly WantedMeeting[],
  storedMeetings: readonly MeetingRecord[],
  deps: MeetingSyncDeps,
  options: { announceDays?: number } = {},
): Promise<MeetingSyncReport> {
  const route: MeetingRoute | null =
    deps.calendar !== undefined ? 'graph' : deps.invitations !== undefined ? 'ics' : null;
  const report: MeetingSyncReport = {
    route,
    created: 0,
    updated: 0,
    cancelled: 0,
    unchanged: 0,
    failed: [],
  };
  if (route === null) return report;
  const announceDays = options.announceDays ?? ICS_ANNOUNCE_DAYS;
  const stored = new Map(storedMeetings.map((m) => [toMeetingKey(m), m]));
  const now = deps.now;
  const isPast = (meeting: { startsAt: Date }): boolean =>
    meeting.startsAt.getTime() <= now.getTime();
  const work: MeetingRecord[] = [];
  const keep = async (meeting: MeetingRecord): Promise<void> => {
    await deps.store.save(meeting);
    work.push(meeting);
  };

  for (const meeting of wanted) {
    const key = toMeetingKey(meeting);
    const known = stored.get(key);
    stored.delete(key);
    const digest = digestAttendees(meeting.attendees);
    if (known === undefined) {
      if (isPast(meeting)) continue;
      if (route === 'ics' && meeting.startsAt.getTime() > now.getTime() + announceDays * DAY_MS) {
        continue;
      }
      await keep({
        ...meeting,
        attendeesDigest: digest,
        externalEventId: null,
        icsUid: toIcsUid(meeting),
        sequence: 0,
        state: 'pending',
        route,
        lastError: null,
        updatedAt: now,
      });
      continue;
    }
    const alive = known.state !== 'cancelled' && known.state !== 'cancelling';
    if (alive && !differs(known, meeting, digest)) {
      if (known.state === 'active') report.unchanged += 1;
      else work.push(known);
      continue;
    }
    if (isPast(meeting) && isPast(known)) continue;
    const revived = known.state === 'cancelled';
    const hasEvent = !revived && (route === 'ics' || known.externalEventId !== null);
    const dropped =
      route === 'ics' ? droppedFrom(known, meeting, known.sequence + 1) : (known.dropped ?? []);
    await keep({
      ...known,
      ...meeting,
      attendeesDigest: digest,
      dropped,
      externalEventId: revived ? null : known.externalEventId,
      sequence: known.sequence + 1,
      // A meeting never put on calendars is still to create; one that is there is updated.
      state: hasEvent && known.state !== 'pending' ? 'stale' : 'pending',
      route,
      lastError: null,
      updatedAt: now,
    });
  }

  for (const known of stored.values()) {
    if (known.state === 'cancelled' || isPast(known)) continue;
    if (known.state === 'pending' && known.externalEventId === null) {
      // It never reached a calendar: nothing to cancel there.
      await deps.store.save({ ...known, state: 'cancelled', lastError: null, updatedAt: now });
      report.cancelled += 1;
      continue;
    }
    if (known.state === 'cancelling') work.push(known);
    else
      await keep({ ...known, state: 'cancelling', sequence: known.sequence + 1, updatedAt: now });
  }

  work.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  let refusal: MeetingCalendarError | undefined;
  for (const meeting of work) {
    if (refusal !== undefined) {
      await fail(meeting, refusal);
      continue;
    }
    try {
      const done = await apply(meeting, route, deps);
      await deps.store.save({ ...done, lastError: null, updatedAt: now });
      if (meeting.state === 'pending') report.created += 1;
      else if (meeting.state === 'stale') report.updated += 1;
      else report.cancelled += 1;
    } catch (error) {
      const failure = toCalendarError(error);
      if (failure.reason === 'not-found' && meeting.state === 'cancelling') {
        // Already gone from the organiser's calendar: what we wanted.
        await deps.store.save({ ...meeting, state: 'cancelled', lastError: null, updatedAt: now });
        report.cancelled += 1;
        continue;
      }
      if (failure.reason === 'permission') refusal = failure;
      await fail(meeting, failure);
    }
  }
  return report;

  async function fail(meeting: MeetingRecord, error: MeetingCalendarError): Promise<void> {
    // An event deleted by hand from the organiser's calendar is created again on the next run.
    const lost = error.reason === 'not-found' && meeting.state === 'stale' && route === 'graph';
    await deps.store.save({
      ...meeting,
      ...(lost ? { state: 'pending' as const, externalEventId: null } : {}),
      lastError: `${error.reason}: ${error.permission ?? error.message}`.slice(0, 500),
      updatedAt: now,
    });
    report.failed.push({
      key: toMeetingKey(meeting),
      subject: meeting.subject,
      reason: error.reason,
      detail: error.permission ?? error.message,
    });
  }
}

async function apply(
  meeting: MeetingRecord,
  route: MeetingRoute,
  deps: MeetingSyncDeps,
): Promise<MeetingRecord> {
  if (route === 'ics') {
    await deps.invitations!.send(meeting);
    return { ...meeting, state: meeting.state === 'cancelling' ? 'cancelled' : 'active' };
  }
  const calendar = deps.calendar!;
  switch (meeting.state) {
    case 'pending': {
      const { eventId } = await calendar.create(meeting);
      return { ...meeting, externalEventId: eventId, state: 'active' };
    }
    case 'stale':
      await calendar.update(meeting.externalEventId!, meeting);
      return { ...meeting, state: 'active' };
    default:
      if (meeting.externalEventId !== null) {
        await calendar.cancel(meeting.externalEventId, CANCEL_COMMENT);
      }
      return { ...meeting, state: 'cancelled' };
  }
}

/**
 * Who was dropped from the attendees without a calendar (none tells them): those invited before
 * and not now, at this version, plus those dropped earlier and not invited again. Someone who
 * never got an invitation (a meeting never sent) has nothing to cancel.
 */
function droppedFrom(
  known: MeetingRecord,
  meeting: WantedMeeting,
  sequence: number,
): DroppedAttendee[] {
  const invited = new Set(meeting.attendees.map((a) => a.aadId.toLowerCase()));
  const earlier = (known.dropped ?? []).filter((d) => !invited.has(d.aadId.toLowerCase()));
  const seen = new Set(earlier.map((d) => d.aadId.toLowerCase()));
  const sent = known.state !== 'pending' && known.state !== 'cancelled';
  const now = sent
    ? known.attendees
        .filter((a) => !invited.has(a.aadId.toLowerCase()) && !seen.has(a.aadId.toLowerCase()))
        .map((a) => ({ aadId: a.aadId, name: a.name, sequence }))
    : [];
  return [...earlier, ...now];
}

function differs(known: MeetingRecord, meeting: WantedMeeting, digest: string): boolean {
  return (
    known.startsAt.getTime() !== meeting.startsAt.getTime() ||
    known.endsAt.getTime() !== meeting.endsAt.getTime() ||
    known.subject !== meeting.subject ||
    known.timeZone !== meeting.timeZone ||
    known.attendeesDigest !== digest
  );
}

function toCalendarError(error: unknown): MeetingCalendarError {
  return error instanceof MeetingCalendarError
    ? error
    : new MeetingCalendarError(String(error), 'error');
}

/** A digest of who is invited (their ids, in order): names may change, invitations do not. */
export function digestAttendees(attendees: readonly MeetingAttendee[]): string {
  return createHash('sha256')
    .update(attendees.map((a) => a.aadId.toLowerCase()).join('\n'))
    .digest('hex')
    .slice(0, 32);
}

/** The meeting's iCalendar UID: from its key, so it stays when dates move (RFC 5545 §3.8.4.7). */
export function toIcsUid(meeting: WantedMeeting): string {
  return `${[meeting.programmeId, meeting.kind, meeting.teamId || 'all', meeting.period || 'once'].join('.')}@labbot`;
}
