import type { Clock } from '../ports/clock';
import type { Directory } from '../ports/directory';
import type { IdSource } from '../ports/id-source';
import type { LabSessionStore } from '../ports/lab-session-store';
import type { NoticeRecipient, Notifier } from '../ports/notifier';
import type { HolidayCalendar } from '../scheduling/holiday-calendars';
import type { QualificationMeetingDeps } from './qualification-meeting';

/** What the Lab session use cases read and write. */
export interface LabSessionDeps {
  sessions: LabSessionStore;
  notifier: Notifier;
  clock: Clock;
  ids: IdSource;
  /** Who may be named facilitator: the Lab team (configuration and the Lab channel's roster). */
  facilitatorPool(): readonly string[];
  /** Where the Lab team's notices go: its channel when the bot knows it, else each member. */
  labRecipients(): Promise<NoticeRecipient[]>;
  /** The names the bot knows for these people (from their messages); absent ones are unknown. */
  namesOf(aadIds: readonly string[]): Promise<Map<string, string>>;
  /** The names and addresses the bot knows for these people, keyed by lowercased Entra id. */
  peopleOf(aadIds: readonly string[]): Promise<Map<string, { name: string; email: string | null }>>;
  /** Finds the sponsor named by e-mail among the people the bot has met. */
  directory: Directory;
  /** The IANA zone a person's Teams client last reported (Europe/Paris when unknown). */
  zoneOf(aadId: string): Promise<string>;
  /** The public holidays of the calendar people in this zone live by. */
  calendarFor(timeZone: string): HolidayCalendar;
  /**
   * Where the qualification meeting goes (Graph calendar, else .ics invitations); absent, the
   * meeting is only written on the cards.
   */
  meetings?: QualificationMeetingDeps | undefined;
}

/** The authenticated sender acting on a request: never taken from card data. */
export interface SessionActor {
  aadId: string;
  name: string;
  /** In the Lab team now (configuration and the Lab channel's roster). */
  isLab: boolean;
  /** The IANA zone Teams reports for them, when it does. */
  timeZone: string | null;
}
