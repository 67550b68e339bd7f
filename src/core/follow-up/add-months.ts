/** The month (YYYY-MM) `months` months after `month`; negative goes back. */
export function addMonths(month: string, months: number): string {
  const [year, monthOfYear] = month.split('-').map(Number);
  const date = new Date(Date.UTC(year ?? 1970, (monthOfYear ?? 1) - 1 + months, 1));
  return date.toISOString().slice(0, 7);
}
