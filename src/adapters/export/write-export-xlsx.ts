import ExcelJS from 'exceljs';
import type { ExportTable, ExportTables } from '../../core/selection/build-export-tables';

/** Widest column, in characters: long answers wrap rather than push the sheet sideways. */
const MAX_COLUMN_WIDTH = 60;

/** The export as an Excel workbook: one sheet of candidacies, one of committee scores. */
export async function writeExportXlsx(
  tables: ExportTables,
  names: { candidacies: string; scores: string },
  headerOf: (id: string, label?: string) => string,
  createdAt: Date,
): Promise<Buffer> {
  return writeWorkbookXlsx(
    [
      { name: names.candidacies, table: tables.candidacies },
      { name: names.scores, table: tables.scores },
    ],
    headerOf,
    createdAt,
  );
}

/** A workbook of named sheets, one table each, header row frozen and bold. */
export async function writeWorkbookXlsx(
  sheets: readonly { name: string; table: ExportTable }[],
  headerOf: (id: string, label?: string) => string,
  createdAt: Date,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Lab Innovation';
  workbook.created = createdAt;
  for (const sheet of sheets) addSheet(workbook, sheet.name, sheet.table, headerOf);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function addSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  table: ExportTable,
  headerOf: (id: string, label?: string) => string,
): void {
  // Excel refuses sheet names over 31 characters.
  const sheet = workbook.addWorksheet(name.slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = table.columns.map((column, index) => {
    const header = headerOf(column.id, column.label);
    const longest = Math.max(
      header.length,
      ...table.rows.map((row) => String(row[index] ?? '').length),
    );
    return { header, key: column.id, width: Math.min(MAX_COLUMN_WIDTH, longest + 2) };
  });
  sheet.getRow(1).font = { bold: true };
  // Values only: exceljs writes a string as text, never as a formula, whatever it starts with.
  for (const row of table.rows) sheet.addRow(row);
}
