import type { Kysely } from 'kysely';
import {
  LAB_QUALIFICATION_KIND,
  LAB_SESSION_MEETINGS,
  type DroppedAttendee,
  type MeetingRecord,
} from '../../core/meetings/meeting';
import type { MeetingStore } from '../../core/ports/meeting-store';
import type { Database } from './schema';
import { fromMeetingColumns, toMeetingColumns, type MeetingColumns } from './sql-meeting-store';

/** The qualification meetings' table (migration 0018), kept beside its store. */
// A type alias, not an interface: withTables wants an index-compatible record.
type LabSessionMeetingTables = {
  lab_session_meetings: MeetingColumns & { request_id: string; dropped_attendees: string };
};

type Row = LabSessionMeetingTables['lab_session_meetings'];

/**
 * The qualification meetings of Lab session requests, one row per request. As a MeetingStore it
 * answers for the pseudo-programme LAB_SESSION_MEETINGS only; the meeting's `teamId` is the
 * request's id.
 */
export class SqlLabSessionMeetingStore implements MeetingStore {
  private readonly db: Kysely<Database & LabSessionMeetingTables>;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<LabSessionMeetingTables>();
  }

  async listByProgramme(programmeId: string): Promise<MeetingRecord[]> {
    if (programmeId !== LAB_SESSION_MEETINGS) return [];
    const rows = await this.db
      .selectFrom('lab_session_meetings')
      .selectAll()
      .orderBy('starts_at')
      .orderBy('request_id')
      .execute();
    return rows.map(toRecord);
  }

  /** The meeting of one request, if it was ever set. */
  async getByRequest(requestId: string): Promise<MeetingRecord | undefined> {
    const row = await this.db
      .selectFrom('lab_session_meetings')
      .selectAll()
      .where('request_id', '=', requestId)
      .executeTakeFirst();
    return row === undefined ? undefined : toRecord(row);
  }

  async save(meeting: MeetingRecord): Promise<void> {
    if (meeting.programmeId !== LAB_SESSION_MEETINGS || meeting.kind !== LAB_QUALIFICATION_KIND) {
      throw new Error('only Lab session qualification meetings are stored here');
    }
    const row = toRow(meeting);
    const { request_id: _key, ...rest } = row;
    await this.db
      .insertInto('lab_session_meetings')
      .values(row)
      .onConflict((oc) => oc.column('request_id').doUpdateSet(rest))
      .execute();
  }
}

function toRow(meeting: MeetingRecord): Row {
  return {
    request_id: meeting.teamId,
    ...toMeetingColumns(meeting),
    dropped_attendees: JSON.stringify(meeting.dropped ?? []),
  };
}

function toRecord(row: Row): MeetingRecord {
  return {
    programmeId: LAB_SESSION_MEETINGS,
    kind: LAB_QUALIFICATION_KIND,
    teamId: row.request_id,
    period: '',
    ...fromMeetingColumns(row),
    dropped: JSON.parse(row.dropped_attendees) as DroppedAttendee[],
  };
}

/**
 * The meetings of programmes and of Lab sessions behind one MeetingStore, for the .ics link and
 * route: the pseudo-programme LAB_SESSION_MEETINGS reads the Lab's table, any other the programmes'.
 */
export function routeMeetingStores(programmes: MeetingStore, lab: MeetingStore): MeetingStore {
  const pick = (programmeId: string): MeetingStore =>
    programmeId === LAB_SESSION_MEETINGS ? lab : programmes;
  return {
    listByProgramme: (programmeId) => pick(programmeId).listByProgramme(programmeId),
    save: (meeting) => pick(meeting.programmeId).save(meeting),
  };
}
