import { z } from 'zod';
import { fromZodIssues, type ValidationIssue } from '../validation/validation-issue';
import {
  DEFAULT_FOLLOW_UP,
  MAX_FOLLOW_UP_WORKING_DAY,
  type FollowUpSettings,
} from './follow-up-settings';

/** Most indicators a programme may ask for: each one is a field of every monthly card. */
export const MAX_INDICATORS = 6;
/** Most reminders before escalation; more would nag a busy lead rather than help. */
export const MAX_REMINDERS = 4;

const custom = (code: string, test: (value: string) => boolean) =>
  z.string().superRefine((value, ctx) => {
    if (!test(value)) ctx.addIssue({ code: 'custom', params: { code, value } });
  });

const identifier = custom('identifier', (v) => /^[a-z0-9][a-z0-9-]{0,62}$/.test(v));
const localTime = custom('time', (v) => /^([01]\d|2[0-3]):[0-5]\d$/.test(v));
const month = custom('month', (v) => /^\d{4}-(0[1-9]|1[0-2])$/.test(v));
const workingDay = z.number().int().min(1).max(MAX_FOLLOW_UP_WORKING_DAY);

const followUpSchema = z
  .object({
    checkIn: z
      .object({
        workingDay: workingDay.default(DEFAULT_FOLLOW_UP.checkInWorkingDay),
        time: localTime.default(DEFAULT_FOLLOW_UP.checkInTime),
      })
      .strict()
      .default({}),
    reminderDays: z
      .array(workingDay)
      .max(MAX_REMINDERS)
      .default([...DEFAULT_FOLLOW_UP.reminderWorkingDays]),
    escalationDay: workingDay.default(DEFAULT_FOLLOW_UP.escalationWorkingDay),
    skippedMonths: z.array(month).default([]),
    membersMayAnswer: z.boolean().default(false),
    indicators: z
      .array(
        z
          .object({
            id: identifier,
            label: z.string().min(1).max(80),
            type: z.enum(['number', 'text']).default('number'),
            unit: z.string().min(1).max(30).optional(),
          })
          .strict(),
      )
      .max(MAX_INDICATORS)
      .default([]),
    labTeam: z
      .array(z.object({ aadId: z.string().uuid(), name: z.string().min(1).max(120) }).strict())
      .default([]),
  })
  .strict();

/**
 * Validates the optional `followUp` block of a programme file; issues carry paths from the file's
 * root. Returns the settings with defaults filled in, or undefined when the block is absent or wrong.
 */
export function validateFollowUpBlock(
  input: unknown,
  issues: ValidationIssue[],
): FollowUpSettings | undefined {
  if (input === undefined) return undefined;
  const parsed = followUpSchema.safeParse(input);
  if (!parsed.success) {
    issues.push(
      ...fromZodIssues(parsed.error.issues).map((issue) => ({
        ...issue,
        path: ['followUp', ...issue.path],
      })),
    );
    return undefined;
  }
  const value = parsed.data;
  const before = issues.length;
  value.reminderDays.forEach((day, index) => {
    const previous = value.reminderDays[index - 1];
    if (previous !== undefined && day <= previous) {
      issues.push({
        path: ['followUp', 'reminderDays', index],
        code: 'ascending',
        params: { previous },
      });
    }
  });
  const lastReminder = Math.max(0, ...value.reminderDays);
  if (value.escalationDay <= lastReminder) {
    issues.push({
      path: ['followUp', 'escalationDay'],
      code: 'min',
      params: { min: lastReminder + 1 },
    });
  }
  const seen = new Set<string>();
  value.indicators.forEach((indicator, index) => {
    if (seen.has(indicator.id)) {
      issues.push({
        path: ['followUp', 'indicators', index, 'id'],
        code: 'duplicate',
        params: { id: indicator.id },
      });
    }
    seen.add(indicator.id);
  });
  if (issues.length > before) return undefined;
  return {
    checkInWorkingDay: value.checkIn.workingDay,
    checkInTime: value.checkIn.time,
    reminderWorkingDays: value.reminderDays,
    escalationWorkingDay: value.escalationDay,
    skippedMonths: [...new Set(value.skippedMonths)].sort(),
    membersMayAnswer: value.membersMayAnswer,
    indicators: value.indicators.map((indicator) =>
      indicator.unit === undefined
        ? { id: indicator.id, label: indicator.label, type: indicator.type }
        : { ...indicator },
    ),
    labTeam: value.labTeam,
  };
}
