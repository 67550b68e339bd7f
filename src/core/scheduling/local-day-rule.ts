/**
 * Which local day a scheduled message goes out on. Days are YYYY-MM-DD in the recipient's zone;
 * "working" means Monday to Friday outside the public holidays of the recipient's calendar.
 */
export type LocalDayRule =
  /** The first working day of a month (YYYY-MM): the monthly check-in. */
  | { kind: 'first-working-day-of-month'; month: string }
  /**
   * The `days`-th working day after `day`; 0 is `day` itself or the next working day, and a
   * negative count goes back (-2: the second working day before a deadline).
   */
  | { kind: 'working-days-after'; day: string; days: number }
  /**
   * `days` calendar days after `day` (negative: before), moved to the next working day, or to the
   * previous one when counting backwards so that a reminder never slips past what it announces.
   */
  | { kind: 'days-after'; day: string; days: number };
