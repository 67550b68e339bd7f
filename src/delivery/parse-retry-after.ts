/**
 * Milliseconds to wait from an HTTP Retry-After header, which is either a number of seconds or an
 * HTTP date (RFC 9110 §10.2.3); undefined when absent or unreadable, so the caller backs off itself.
 */
export function parseRetryAfter(
  header: string | null | undefined,
  now: number,
): number | undefined {
  if (header === null || header === undefined || header.trim() === '') return undefined;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  // An HTTP date starts with the day name ("Thu, 01 Oct 2026 07:30:10 GMT"); anything else is noise.
  const date = /^[A-Za-z]{3}, /.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
