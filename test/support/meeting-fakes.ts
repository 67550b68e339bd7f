import { toMeetingKey, type MeetingRecord } from '../../src/core/meetings/meeting';
import { DEFAULT_MEETINGS, type MeetingSettings } from '../../src/core/programmes/meeting-settings';
import {
  MeetingCalendarError,
  type MeetingCalendar,
  type MeetingInvitations,
} from '../../src/core/ports/meeting-calendar';
import type { MeetingStore } from '../../src/core/ports/meeting-store';
import type { ProgrammeTeam } from '../../src/core/programmes/programme-team';

/** Meetings in memory, as the SQL store keeps them (one per key). */
export class InMemoryMeetingStore implements MeetingStore {
  readonly rows = new Map<string, MeetingRecord>();
  saves = 0;

  listByProgramme(programmeId: string): Promise<MeetingRecord[]> {
    return Promise.resolve(
      [...this.rows.values()]
        .filter((m) => m.programmeId === programmeId)
        .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
        .map((m) => structuredClone(m)),
    );
  }

  save(meeting: MeetingRecord): Promise<void> {
    this.saves += 1;
    this.rows.set(toMeetingKey(meeting), structuredClone(meeting));
    return Promise.resolve();
  }
}

/** A calendar that records each call and can refuse on demand. */
export class RecordingCalendar implements MeetingCalendar {
  readonly calls: {
    op: 'create' | 'update' | 'cancel';
    id: string;
    subject?: string;
    start?: string;
  }[] = [];
  /** Errors to throw at the next calls, in order. */
  readonly failNext: MeetingCalendarError[] = [];
  private next = 1;

  create(meeting: MeetingRecord): Promise<{ eventId: string }> {
    this.throwIfAsked();
    const id = `event-${this.next++}`;
    this.calls.push({
      op: 'create',
      id,
      subject: meeting.subject,
      start: meeting.startsAt.toISOString(),
    });
    return Promise.resolve({ eventId: id });
  }

  update(eventId: string, meeting: MeetingRecord): Promise<void> {
    this.throwIfAsked();
    this.calls.push({
      op: 'update',
      id: eventId,
      subject: meeting.subject,
      start: meeting.startsAt.toISOString(),
    });
    return Promise.resolve();
  }

  cancel(eventId: string): Promise<void> {
    this.throwIfAsked();
    this.calls.push({ op: 'cancel', id: eventId });
    return Promise.resolve();
  }

  private throwIfAsked(): void {
    const error = this.failNext.shift();
    if (error !== undefined) throw error;
  }
}

/** .ics invitations recorded instead of sent. */
export class RecordingInvitations implements MeetingInvitations {
  readonly sent: { key: string; sequence: number; state: string }[] = [];

  send(meeting: MeetingRecord): Promise<void> {
    this.sent.push({
      key: toMeetingKey(meeting),
      sequence: meeting.sequence,
      state: meeting.state,
    });
    return Promise.resolve();
  }
}

/** Every kind of meeting with its defaults, in Paris. */
export function allMeetings(overrides: Partial<MeetingSettings> = {}): MeetingSettings {
  return {
    timeZone: 'Europe/Paris',
    holidays: 'FR',
    kickOff: { ...DEFAULT_MEETINGS.kickOff },
    facilitatorsBriefing: { ...DEFAULT_MEETINGS.facilitatorsBriefing },
    monthlyExchange: { ...DEFAULT_MEETINGS.monthlyExchange, teamTimes: {} },
    decemberReview: { ...DEFAULT_MEETINGS.review },
    marchReview: { ...DEFAULT_MEETINGS.review },
    ...overrides,
  };
}

/** Two small teams of the test programme, each with two members and one facilitator. */
export function twoTeams(programmeId = 'defi-test'): ProgrammeTeam[] {
  const person = (n: string, name: string, organisationId = 'cnav') => ({
    aadId: `00000000-0000-4000-8000-0000000000${n}`,
    name,
    organisationId,
  });
  return [
    {
      id: 'team-1',
      programmeId,
      number: 1,
      name: 'Équipe 1',
      leadAadId: person('01', '').aadId,
      members: [person('01', 'Awa Diallo'), person('02', 'Bruno Petit', 'caf-guyane')],
      facilitators: [person('f1', 'Claire Dubois')],
    },
    {
      id: 'team-2',
      programmeId,
      number: 2,
      name: 'Équipe 2',
      leadAadId: person('03', '').aadId,
      members: [person('03', 'Chloé Martin'), person('04', 'David Roux', 'cpam-sarthe')],
      facilitators: [person('f2', 'Denis Morel')],
    },
  ];
}
