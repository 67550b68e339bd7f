import type { ExportCell, ExportTables } from '../../core/selection/build-export-tables';

/**
 * French spreadsheet software expects semicolons in CSV files (the comma is the decimal
 * separator in fr-FR), and the Lab opens these files in a French Excel.
 */
export const CSV_SEPARATOR = ';';
/** A byte-order mark, so Excel reads the file as UTF-8 and accents survive. */
const UTF8_BOM = '\uFEFF';
/** Cells a spreadsheet would run as a formula (CSV injection, OWASP). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV table: one row per committee score, the candidacy's columns repeated, and one row with
 * empty score columns for a candidacy nobody scored yet, so the file pivots easily.
 */
export function writeExportCsv(
  tables: ExportTables,
  headerOf: (id: string, label?: string) => string,
): Buffer {
  const candidacyColumns = tables.candidacies.columns;
  // The scores sheet starts with the candidacy id and the applicant's name, already on the left.
  const scoreColumns = tables.scores.columns.slice(2);
  const scoresByCandidacy = new Map<ExportCell, ExportCell[][]>();
  for (const row of tables.scores.rows) {
    const rows = scoresByCandidacy.get(row[0] ?? null) ?? [];
    rows.push(row.slice(2));
    scoresByCandidacy.set(row[0] ?? null, rows);
  }
  const lines = [
    [...candidacyColumns, ...scoreColumns].map((c) => escape(headerOf(c.id, c.label))),
  ];
  for (const row of tables.candidacies.rows) {
    const scores = scoresByCandidacy.get(row[0] ?? null) ?? [scoreColumns.map(() => null)];
    for (const score of scores) lines.push([...row, ...score].map((cell) => escape(cell)));
  }
  return Buffer.from(
    UTF8_BOM + lines.map((cells) => cells.join(CSV_SEPARATOR)).join('\r\n') + '\r\n',
  );
}

function escape(cell: ExportCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'boolean') return cell ? '1' : '0';
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return /[";\r\n,]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
