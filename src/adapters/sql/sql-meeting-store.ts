import type { Kysely } from 'kysely';
import type {
  CalendarMeetingKind,
  DroppedAttendee,
  MeetingAttendee,
  MeetingRecord,
  MeetingRoute,
  MeetingState,
} from '../../core/meetings/meeting';
import type { MeetingStore } from '../../core/ports/meeting-store';
import type { Database, ProgrammeMeetingsTable } from './schema';

/** The meetings of programmes in SQL, one row per meeting key. */
export class SqlMeetingStore implements MeetingStore {
  constructor(private readonly db: Kysely<Database>) {}

  async listByProgramme(programmeId: string): Promise<MeetingRecord[]> {
    const rows = await this.db
      .selectFrom('programme_meetings')
      .selectAll()
      .where('programme_id', '=', programmeId)
      .orderBy('starts_at')
      .orderBy('kind')
      .orderBy('team_id')
      .execute();
    return rows.map(toRecord);
  }

  async save(meeting: MeetingRecord): Promise<void> {
    const row = toRow(meeting);
    await this.db
      .insertInto('programme_meetings')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['programme_id', 'kind', 'team_id', 'period']).doUpdateSet({
          subject: row.subject,
          starts_at: row.starts_at,
          ends_at: row.ends_at,
          time_zone: row.time_zone,
          attendees: row.attendees,
          attendees_digest: row.attendees_digest,
          dropped_attendees: row.dropped_attendees,
          external_event_id: row.external_event_id,
          ics_uid: row.ics_uid,
          sequence: row.sequence,
          state: row.state,
          route: row.route,
          last_error: row.last_error,
          updated_at: row.updated_at,
        }),
      )
      .execute();
  }
}

/** The columns every meeting table has (programme meetings, Lab session meetings). */
export interface MeetingColumns {
  subject: string;
  starts_at: string;
  ends_at: string;
  time_zone: string;
  /** JSON array of { aadId, name }. */
  attendees: string;
  attendees_digest: string;
  external_event_id: string | null;
  ics_uid: string;
  sequence: number;
  state: string;
  route: string | null;
  last_error: string | null;
  updated_at: string;
}

/** A meeting's shared columns, as stored. */
export function toMeetingColumns(meeting: MeetingRecord): MeetingColumns {
  return {
    subject: meeting.subject,
    starts_at: meeting.startsAt.toISOString(),
    ends_at: meeting.endsAt.toISOString(),
    time_zone: meeting.timeZone,
    attendees: JSON.stringify(meeting.attendees),
    attendees_digest: meeting.attendeesDigest,
    external_event_id: meeting.externalEventId,
    ics_uid: meeting.icsUid,
    sequence: meeting.sequence,
    state: meeting.state,
    route: meeting.route,
    last_error: meeting.lastError,
    updated_at: meeting.updatedAt.toISOString(),
  };
}

/** The meeting a row's shared columns describe, without what says whose it is. */
export function fromMeetingColumns(
  row: MeetingColumns,
): Omit<MeetingRecord, 'programmeId' | 'kind' | 'teamId' | 'period' | 'dropped'> {
  return {
    subject: row.subject,
    startsAt: new Date(row.starts_at),
    endsAt: new Date(row.ends_at),
    timeZone: row.time_zone,
    attendees: JSON.parse(row.attendees) as MeetingAttendee[],
    attendeesDigest: row.attendees_digest,
    externalEventId: row.external_event_id,
    icsUid: row.ics_uid,
    // PostgreSQL's driver may hand integers back as they are; make sure of a number.
    sequence: Number(row.sequence),
    state: row.state as MeetingState,
    route: row.route as MeetingRoute | null,
    lastError: row.last_error,
    updatedAt: new Date(row.updated_at),
  };
}

function toRow(meeting: MeetingRecord): ProgrammeMeetingsTable {
  return {
    programme_id: meeting.programmeId,
    kind: meeting.kind,
    team_id: meeting.teamId,
    period: meeting.period,
    ...toMeetingColumns(meeting),
    dropped_attendees: JSON.stringify(meeting.dropped ?? []),
  };
}

function toRecord(row: ProgrammeMeetingsTable): MeetingRecord {
  return {
    programmeId: row.programme_id,
    kind: row.kind as CalendarMeetingKind,
    teamId: row.team_id,
    period: row.period,
    ...fromMeetingColumns(row),
    dropped: JSON.parse(row.dropped_attendees) as DroppedAttendee[],
  };
}
