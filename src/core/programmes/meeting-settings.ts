import type { HolidayCalendarId } from '../scheduling/holiday-calendars';

/** The meetings the bot can put on calendars, in the order of a programme's year. */
export const MEETING_KINDS = [
  'facilitatorsBriefing',
  'kickOff',
  'monthlyExchange',
  'decemberReview',
  'marchReview',
] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

/** When one kind of meeting starts (local HH:MM) and how long it lasts. */
export interface MeetingSlot {
  time: string;
  durationMinutes: number;
}

/** A programme's meetings (the optional `meetings:` block of its file); absent kinds are not held. */
export interface MeetingSettings {
  /** The zone of every meeting's time (the programme's), e.g. Europe/Paris. */
  timeZone: string;
  /** The public holidays no meeting falls on (nor on a weekend). */
  holidays: HolidayCalendarId;
  kickOff?: MeetingSlot;
  /** The working day before the kick-off ("conviés la veille", seed 002). */
  facilitatorsBriefing?: MeetingSlot;
  /** Each team's exchange, `daysAfterCheckIn` days after each monthly check-in is sent. */
  monthlyExchange?: MeetingSlot & {
    daysAfterCheckIn: number;
    /** A team's own time (HH:MM) by team id, instead of `time`. */
    teamTimes: Record<string, string>;
  };
  decemberReview?: MeetingSlot;
  marchReview?: MeetingSlot;
}

/**
 * The defaults, from the seeds: a morning kick-off and reviews of two hours, the facilitators'
 * briefing the afternoon before, and a one-hour exchange with each team a week after its check-in,
 * early afternoon (after the lunch break the institutions keep, before the end of the day in
 * French Guiana, five hours behind Paris).
 */
export const DEFAULT_MEETINGS = {
  timeZone: 'Europe/Paris',
  holidays: 'FR',
  kickOff: { time: '10:00', durationMinutes: 120 },
  facilitatorsBriefing: { time: '16:00', durationMinutes: 60 },
  monthlyExchange: { time: '14:00', durationMinutes: 60, daysAfterCheckIn: 7 },
  review: { time: '10:00', durationMinutes: 120 },
} as const;

/** Longest meeting a programme file may set: a full day of workshop. */
export const MAX_MEETING_MINUTES = 8 * 60;
/** Latest day after the check-in for the exchange: it stays before the next month's check-in. */
export const MAX_DAYS_AFTER_CHECK_IN = 20;
