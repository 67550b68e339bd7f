import { z } from 'zod';
import { fromZodIssues, type ValidationIssue } from '../validation/validation-issue';
import { HOLIDAY_CALENDAR_IDS } from '../scheduling/holiday-calendars';
import { dateTimeFormat } from '../scheduling/date-time-format';
import {
  DEFAULT_MEETINGS,
  MAX_DAYS_AFTER_CHECK_IN,
  MAX_MEETING_MINUTES,
  type MeetingSettings,
  type MeetingSlot,
} from './meeting-settings';

const custom = (code: string, test: (value: string) => boolean) =>
  z.string().superRefine((value, ctx) => {
    if (!test(value)) ctx.addIssue({ code: 'custom', params: { code, value } });
  });

const localTime = custom('time', (v) => /^([01]\d|2[0-3]):[0-5]\d$/.test(v));
const timeZone = custom('timezone', (v) => {
  try {
    dateTimeFormat('en', { timeZone: v });
    return true;
  } catch {
    return false;
  }
});
const identifier = /^[a-z0-9][a-z0-9-]{0,62}$/;
const duration = z.number().int().min(15).max(MAX_MEETING_MINUTES);

/** A kind of meeting: `false` (not held), or its time and length, each with its default. */
const slot = (defaults: MeetingSlot) =>
  z
    .union([
      z.literal(false),
      z
        .object({
          time: localTime.default(defaults.time),
          durationMinutes: duration.default(defaults.durationMinutes),
        })
        .strict(),
    ])
    .default({});

const meetingsSchema = z
  .object({
    timezone: timeZone.default(DEFAULT_MEETINGS.timeZone),
    holidays: z.enum(HOLIDAY_CALENDAR_IDS).default(DEFAULT_MEETINGS.holidays),
    kickOff: slot(DEFAULT_MEETINGS.kickOff),
    facilitatorsBriefing: slot(DEFAULT_MEETINGS.facilitatorsBriefing),
    monthlyExchange: z
      .union([
        z.literal(false),
        z
          .object({
            time: localTime.default(DEFAULT_MEETINGS.monthlyExchange.time),
            durationMinutes: duration.default(DEFAULT_MEETINGS.monthlyExchange.durationMinutes),
            daysAfterCheckIn: z
              .number()
              .int()
              .min(1)
              .max(MAX_DAYS_AFTER_CHECK_IN)
              .default(DEFAULT_MEETINGS.monthlyExchange.daysAfterCheckIn),
            teamTimes: z.record(z.string(), localTime).default({}),
          })
          .strict(),
      ])
      .default({}),
    decemberReview: slot(DEFAULT_MEETINGS.review),
    marchReview: slot(DEFAULT_MEETINGS.review),
  })
  .strict();

/**
 * Validates the optional `meetings` block of a programme file; issues carry paths from the file's
 * root. Every kind of meeting is held with its defaults unless set to `false`. Returns undefined
 * when the block is absent (no meetings) or wrong.
 */
export function validateMeetingsBlock(
  input: unknown,
  issues: ValidationIssue[],
): MeetingSettings | undefined {
  if (input === undefined) return undefined;
  // `meetings: {}` or a bare `meetings:` line (YAML null) both mean "every default".
  const parsed = meetingsSchema.safeParse(input === null ? {} : input);
  if (!parsed.success) {
    issues.push(
      ...fromZodIssues(parsed.error.issues).map((issue) => ({
        ...issue,
        path: ['meetings', ...issue.path],
      })),
    );
    return undefined;
  }
  const value = parsed.data;
  const before = issues.length;
  if (value.monthlyExchange !== false) {
    for (const teamId of Object.keys(value.monthlyExchange.teamTimes)) {
      if (!identifier.test(teamId)) {
        issues.push({
          path: ['meetings', 'monthlyExchange', 'teamTimes', teamId],
          code: 'identifier',
          params: { value: teamId },
        });
      }
    }
  }
  if (issues.length > before) return undefined;
  const settings: MeetingSettings = { timeZone: value.timezone, holidays: value.holidays };
  if (value.kickOff !== false) settings.kickOff = value.kickOff;
  if (value.facilitatorsBriefing !== false) {
    settings.facilitatorsBriefing = value.facilitatorsBriefing;
  }
  if (value.monthlyExchange !== false) settings.monthlyExchange = value.monthlyExchange;
  if (value.decemberReview !== false) settings.decemberReview = value.decemberReview;
  if (value.marchReview !== false) settings.marchReview = value.marchReview;
  return settings;
}
