import { getCheckinWindow, listCheckinMonths } from '../follow-up/checkin-window';
import { getFollowUpSettings } from '../programmes/follow-up-settings';
import type { Programme } from '../programmes/programme';
import type { ProgrammeTeam, TeamPerson } from '../programmes/programme-team';
import {
  createHolidayCalendar,
  type HolidayCalendar,
  type HolidayCalendarId,
} from '../scheduling/holiday-calendars';
import { resolveLocalDay } from '../scheduling/resolve-local-day';
import { toUtcInstant } from '../scheduling/to-utc-instant';
import type { MeetingAttendee, WantedMeeting } from './meeting';
import type { MeetingKind, MeetingSettings, MeetingSlot } from '../programmes/meeting-settings';

const MINUTE_MS = 60_000;

/** The words of a meeting's subject, in the programme's language (French first). */
export type MeetingSubjects = Record<MeetingKind, string>;

/** French subjects: the vocabulary of docs/glossary.md. */
export const FRENCH_MEETING_SUBJECTS: MeetingSubjects = {
  facilitatorsBriefing: 'Briefing des animateurs',
  kickOff: 'Lancement',
  monthlyExchange: 'Échange mensuel',
  decemberReview: 'Bilan de décembre',
  marchReview: 'Bilan de mars',
};

/**
 * Every meeting a programme wants, from its `meetings` settings, its milestones and its teams:
 * the facilitators' briefing the working day before the kick-off, the kick-off, each team's
 * monthly exchange a set number of days after each check-in, and the December and March reviews.
 * Days move to the next working day of the programme's calendar (the briefing to the previous
 * one); times are in the programme's zone. A meeting with nobody to invite is not wanted.
 */
export function planMeetings(
  programme: Programme,
  teams: readonly ProgrammeTeam[],
  options: {
    subjects?: MeetingSubjects;
    calendarOf?: (id: HolidayCalendarId) => HolidayCalendar;
  } = {},
): WantedMeeting[] {
  const settings = programme.meetings;
  if (settings === undefined) return [];
  const subjects = options.subjects ?? FRENCH_MEETING_SUBJECTS;
  const calendar = (options.calendarOf ?? createHolidayCalendar)(settings.holidays);
  const workingDay = (day: string, days = 0): string =>
    resolveLocalDay({ kind: 'working-days-after', day, days }, calendar);
  const everyone = attendeesOf(teams.flatMap((team) => [...team.members, ...team.facilitators]));
  const facilitators = attendeesOf([
    ...(programme.facilitators ?? []),
    ...teams.flatMap((team) => team.facilitators),
  ]);
  const meetings: WantedMeeting[] = [];
  const add = (
    kind: MeetingKind,
    slot: MeetingSlot,
    day: string,
    attendees: MeetingAttendee[],
    team?: ProgrammeTeam,
    period = '',
    time = slot.time,
  ): void => {
    if (attendees.length === 0) return;
    const startsAt = toUtcInstant(day, time, settings.timeZone);
    meetings.push({
      programmeId: programme.id,
      kind,
      teamId: team?.id ?? '',
      period,
      subject: [programme.name, subjects[kind], team?.name].filter(Boolean).join(' — '),
      startsAt,
      endsAt: new Date(startsAt.getTime() + slot.durationMinutes * MINUTE_MS),
      timeZone: settings.timeZone,
      attendees,
    });
  };

  const kickOffDay = workingDay(programme.milestones.kickOff);
  if (settings.facilitatorsBriefing !== undefined) {
    add(
      'facilitatorsBriefing',
      settings.facilitatorsBriefing,
      workingDay(kickOffDay, -1),
      facilitators,
    );
  }
  if (settings.kickOff !== undefined) add('kickOff', settings.kickOff, kickOffDay, everyone);
  if (settings.monthlyExchange !== undefined) {
    addMonthlyExchanges(programme, teams, settings, calendar, add);
  }
  if (settings.decemberReview !== undefined) {
    add(
      'decemberReview',
      settings.decemberReview,
      workingDay(programme.milestones.decemberReview),
      everyone,
    );
  }
  if (settings.marchReview !== undefined) {
    add(
      'marchReview',
      settings.marchReview,
      workingDay(programme.milestones.marchReview),
      everyone,
    );
  }
  return meetings;
}

function addMonthlyExchanges(
  programme: Programme,
  teams: readonly ProgrammeTeam[],
  settings: MeetingSettings,
  calendar: HolidayCalendar,
  add: (
    kind: MeetingKind,
    slot: MeetingSlot,
    day: string,
    attendees: MeetingAttendee[],
    team?: ProgrammeTeam,
    period?: string,
    time?: string,
  ) => void,
): void {
  const exchange = settings.monthlyExchange!;
  const followUp = getFollowUpSettings(programme);
  // The check-in day in the programme's zone and calendar: the exchange is the programme's, not
  // one person's.
  const schedule = { timeZone: settings.timeZone, calendar };
  for (const month of listCheckinMonths(programme.milestones, followUp)) {
    const window = getCheckinWindow(month, programme.milestones, followUp, schedule);
    if (window === undefined) continue;
    const day = resolveLocalDay(
      { kind: 'days-after', day: window.sendDay, days: exchange.daysAfterCheckIn },
      calendar,
    );
    if (day > programme.milestones.end) continue;
    for (const team of teams) {
      add(
        'monthlyExchange',
        exchange,
        day,
        attendeesOf([...team.members, ...team.facilitators]),
        team,
        month,
        exchange.teamTimes[team.id] ?? exchange.time,
      );
    }
  }
}

/** Each person once (by Entra id, whatever its case), sorted, so the list digests the same way. */
export function attendeesOf(
  people: readonly Pick<TeamPerson, 'aadId' | 'name'>[],
): MeetingAttendee[] {
  const unique = new Map<string, MeetingAttendee>();
  for (const person of people) {
    const key = person.aadId.toLowerCase();
    if (!unique.has(key)) unique.set(key, { aadId: key, name: person.name });
  }
  return [...unique.values()].sort((a, b) => (a.aadId < b.aadId ? -1 : a.aadId > b.aadId ? 1 : 0));
}
