import { addDays, isWorkingDay, parseLocalDay } from './local-days';
import type { HolidayCalendar } from './holiday-calendars';
import type { LocalDayRule } from './local-day-rule';

// The longest run of non-working days in the supported calendars is a long weekend plus a bridge
// of holidays (under a week); a month of searching only fails for a broken calendar.
const MAX_DAYS_SEARCHED = 31;

function stepToWorkingDay(day: string, step: 1 | -1, calendar: HolidayCalendar): string {
  let candidate = day;
  for (let searched = 0; searched <= MAX_DAYS_SEARCHED; searched += 1) {
    if (isWorkingDay(candidate, calendar)) return candidate;
    candidate = addDays(candidate, step);
  }
  throw new RangeError(
    `no working day within ${MAX_DAYS_SEARCHED} days of ${day} (${calendar.id})`,
  );
}

function countWorkingDays(day: string, days: number, calendar: HolidayCalendar): string {
  if (days === 0) return stepToWorkingDay(day, 1, calendar);
  // Like a spreadsheet's WORKDAY: count working days strictly after (or before) the anchor, so
  // "1 working day after" a Friday or a Saturday is the Monday.
  const step = days < 0 ? -1 : 1;
  let current = day;
  for (let remaining = Math.abs(days); remaining > 0; remaining -= 1) {
    current = stepToWorkingDay(addDays(current, step), step, calendar);
  }
  return current;
}

/** The local day (YYYY-MM-DD) a rule designates in a holiday calendar. */
export function resolveLocalDay(rule: LocalDayRule, calendar: HolidayCalendar): string {
  switch (rule.kind) {
    case 'first-working-day-of-month': {
      if (!/^\d{4}-\d{2}$/.test(rule.month))
        throw new RangeError(`not a YYYY-MM month: ${rule.month}`);
      return stepToWorkingDay(`${rule.month}-01`, 1, calendar);
    }
    case 'working-days-after': {
      parseLocalDay(rule.day);
      if (!Number.isInteger(rule.days))
        throw new RangeError(`not a whole number of days: ${rule.days}`);
      return countWorkingDays(rule.day, rule.days, calendar);
    }
    case 'days-after': {
      if (!Number.isInteger(rule.days))
        throw new RangeError(`not a whole number of days: ${rule.days}`);
      return stepToWorkingDay(addDays(rule.day, rule.days), rule.days < 0 ? -1 : 1, calendar);
    }
  }
}
