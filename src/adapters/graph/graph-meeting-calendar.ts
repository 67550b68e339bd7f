import { createHash } from 'node:crypto';
import type { TokenCredential } from '@azure/identity';
import type { MeetingRecord } from '../../core/meetings/meeting';
import { MeetingCalendarError, type MeetingCalendar } from '../../core/ports/meeting-calendar';
import { GRAPH_BASE_URL } from './graph-channel-provisioner';
import { GraphRequestError, graphRequest, type Sleep } from './graph-request';

/**
 * The application permission each call needs, the least privileged Graph documents ("Create
 * event", "Update event", "event: cancel"; "Get user" for an attendee's address).
 * Calendars.ReadWrite reaches every mailbox of the tenant unless an application access policy
 * restricts the app to the organiser's (docs/graph.md says how).
 */
export const GRAPH_CALENDAR_PERMISSIONS = {
  createEvent: 'Calendars.ReadWrite',
  updateEvent: 'Calendars.ReadWrite',
  cancelEvent: 'Calendars.ReadWrite',
  getUser: 'User.Read.All',
} as const;

type Call = keyof typeof GRAPH_CALENDAR_PERMISSIONS;

/**
 * How long an attendee's address (or Graph not knowing them) is remembered: a day, so a guest
 * invited in Entra since, or a changed address, is taken into account by the next day's runs.
 */
const ADDRESS_MEMORY_MS = 24 * 60 * 60 * 1000;

/**
 * The programme's meetings as events of one organiser's calendar, each with a Teams meeting:
 * `POST /users/{organiser}/events` (`isOnlineMeeting`, `teamsForBusiness`), `PATCH …/events/{id}`
 * and `POST …/events/{id}/cancel`; the calendar service sends the invitations, updates and
 * cancellations. Attendees are found by Entra id (`GET /users/{id}`) for their address; someone
 * Graph does not know (gone, or erased) is left out rather than failing the meeting.
 */
export class GraphMeetingCalendar implements MeetingCalendar {
  private readonly baseUrl: string;

  private readonly sleep: Sleep | undefined;

  /** Addresses found, by Entra id (null: Graph does not know them), with when. */
  private readonly addresses = new Map<string, { address: string | null; at: number }>();

  constructor(
    private readonly credential: TokenCredential,
    /** The organiser's mailbox: a user principal name or an Entra object id. */
    private readonly organiser: string,
    options: { baseUrl?: string; sleep?: Sleep } = {},
  ) {
    this.baseUrl = (options.baseUrl ?? GRAPH_BASE_URL).replace(/\/+$/, '');
    this.sleep = options.sleep;
  }

  async create(meeting: MeetingRecord): Promise<{ eventId: string }> {
    const { body } = await this.call('createEvent', 'POST', this.events(), {
      ...(await this.describe(meeting)),
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
      allowNewTimeProposals: false,
      // Graph returns the event already made for this id rather than a second one ("Create
      // event", transactionId), so a crash between the call and the database write duplicates nothing.
      transactionId: toTransactionId(`${meeting.icsUid}#${meeting.sequence}`),
    });
    const id = (body as { id?: unknown } | undefined)?.id;
    if (typeof id !== 'string') {
      throw new MeetingCalendarError('Graph answered an event without an id', 'error');
    }
    return { eventId: id };
  }

  async update(eventId: string, meeting: MeetingRecord): Promise<void> {
    await this.call('updateEvent', 'PATCH', this.events(eventId), await this.describe(meeting));
  }

  async cancel(eventId: string, comment: string): Promise<void> {
    await this.call('cancelEvent', 'POST', `${this.events(eventId)}/cancel`, { comment });
  }

  private events(eventId?: string): string {
    const root = `${this.baseUrl}/users/${encodeURIComponent(this.organiser)}/events`;
    return eventId === undefined ? root : `${root}/${encodeURIComponent(eventId)}`;
  }

  /** What an event says of a meeting: subject, times in UTC, attendees with their addresses. */
  private async describe(meeting: MeetingRecord): Promise<Record<string, unknown>> {
    const attendees: { emailAddress: { address: string; name: string }; type: 'required' }[] = [];
    for (const attendee of meeting.attendees) {
      const address = await this.findAddress(attendee.aadId);
      if (address !== null) {
        attendees.push({ emailAddress: { address, name: attendee.name }, type: 'required' });
      }
    }
    return {
      subject: meeting.subject,
      body: { contentType: 'text', content: meeting.subject },
      // UTC, which every calendar converts; the programme's zone decided the wall-clock time.
      start: { dateTime: toGraphDateTime(meeting.startsAt), timeZone: 'UTC' },
      end: { dateTime: toGraphDateTime(meeting.endsAt), timeZone: 'UTC' },
      attendees,
    };
  }

  private async findAddress(aadId: string): Promise<string | null> {
    const known = this.addresses.get(aadId);
    if (known !== undefined && Date.now() - known.at < ADDRESS_MEMORY_MS) return known.address;
    let address: string | null = null;
    try {
      const { body } = await this.call(
        'getUser',
        'GET',
        `${this.baseUrl}/users/${encodeURIComponent(aadId)}?$select=id,mail,userPrincipalName`,
      );
      const user = body as { mail?: unknown; userPrincipalName?: unknown };
      address =
        typeof user.mail === 'string' && user.mail !== ''
          ? user.mail
          : typeof user.userPrincipalName === 'string'
            ? user.userPrincipalName
            : null;
    } catch (error) {
      if (!(error instanceof MeetingCalendarError && error.reason === 'not-found')) throw error;
    }
    this.addresses.set(aadId, { address, at: Date.now() });
    return address;
  }

  private async call(
    call: Call,
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    body?: object,
  ): Promise<{ body: unknown }> {
    try {
      return await graphRequest(this.credential, method, url, {
        permission: GRAPH_CALENDAR_PERMISSIONS[call],
        ...(body === undefined ? {} : { body }),
        ...(this.sleep === undefined ? {} : { sleep: this.sleep }),
      });
    } catch (error) {
      throw toCalendarError(error, call);
    }
  }
}

function toCalendarError(error: unknown, call: Call): unknown {
  if (!(error instanceof GraphRequestError)) return error;
  if (error.status === 403 || error.status === 401) {
    return new MeetingCalendarError(error.message, 'permission', GRAPH_CALENDAR_PERMISSIONS[call]);
  }
  if (error.status === 404) return new MeetingCalendarError(error.message, 'not-found');
  if (error.status === 429 || error.status === 503) {
    return new MeetingCalendarError(error.message, 'throttled');
  }
  return new MeetingCalendarError(error.message, 'error');
}

/** Graph's dateTime: local to the given zone, without an offset. */
function toGraphDateTime(instant: Date): string {
  return instant.toISOString().replace(/Z$/, '');
}

/** A GUID-shaped id derived from the meeting's UID and version, the same on every retry. */
function toTransactionId(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
