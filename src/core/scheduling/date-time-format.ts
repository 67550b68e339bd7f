/**
 * Building an Intl.DateTimeFormat loads locale and zone data, and costs far more than formatting
 * with it; a turn formats dozens of dates. Formatters are kept per locale and options (the
 * combinations are a handful, times the time zones in use); an unknown zone throws a RangeError
 * as `new Intl.DateTimeFormat` does, and nothing is kept then.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The same formatter as `new Intl.DateTimeFormat(locale, options)`, built once. */
export function dateTimeFormat(
  locale: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, formatter);
  }
  return formatter;
}
