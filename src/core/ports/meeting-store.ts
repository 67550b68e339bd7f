import type { MeetingRecord } from '../meetings/meeting';

/** The meetings the bot put (or will put) on calendars, one row per meeting key. */
export interface MeetingStore {
  /** Every meeting of a programme, cancelled ones included, in start order. */
  listByProgramme(programmeId: string): Promise<MeetingRecord[]>;
  /** Inserts or replaces the meeting of this key. */
  save(meeting: MeetingRecord): Promise<void>;
}
