/** The calendar day (YYYY-MM-DD) of an instant in an IANA time zone. */
export function toLocalDay(instant: Date, timeZone: string): string {
  // en-CA formats dates as YYYY-MM-DD, which is what every day comparison in the core expects.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}
