import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { PersonalDataSnapshot } from '../../core/ports/personal-data-store';

/** Widest column, in characters: long answers wrap rather than push the sheet sideways. */
const MAX_COLUMN_WIDTH = 60;

/**
 * A person's data as a ZIP: `donnees.json` (machine-readable and complete: every row of every
 * table, by category) and `donnees.xlsx` (one sheet per table, for reading).
 */
export async function writePersonalDataZip(
  snapshot: PersonalDataSnapshot,
  meta: { aadId: string; createdAt: Date; categoryName: (category: string) => string },
): Promise<Buffer> {
  const zip = new JSZip();
  const json = {
    person: meta.aadId,
    exportedAt: meta.createdAt.toISOString(),
    categories: Object.fromEntries(
      Object.entries(snapshot).map(([category, tables]) => [
        category,
        Object.fromEntries(
          Object.entries(tables).map(([table, rows]) => [table, rows.map(parseDocuments)]),
        ),
      ]),
    ),
  };
  zip.file('donnees.json', `${JSON.stringify(json, null, 2)}\n`, { date: meta.createdAt });
  zip.file('donnees.xlsx', await writeWorkbook(snapshot, meta), { date: meta.createdAt });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

async function writeWorkbook(
  snapshot: PersonalDataSnapshot,
  meta: { createdAt: Date; categoryName: (category: string) => string },
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Lab Innovation';
  workbook.created = meta.createdAt;
  for (const [category, tables] of Object.entries(snapshot)) {
    for (const [table, rows] of Object.entries(tables)) {
      if (rows.length === 0) continue;
      const sheet = workbook.addWorksheet(toSheetName(meta.categoryName(category), table), {
        views: [{ state: 'frozen', ySplit: 1 }],
      });
      const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
      sheet.columns = columns.map((column) => ({
        header: column,
        key: column,
        width: Math.min(
          MAX_COLUMN_WIDTH,
          Math.max(column.length, ...rows.map((row) => String(row[column] ?? '').length)) + 2,
        ),
      }));
      sheet.getRow(1).font = { bold: true };
      for (const row of rows) sheet.addRow(row);
    }
  }
  if (workbook.worksheets.length === 0) workbook.addWorksheet('—');
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Excel refuses sheet names over 31 characters, and two sheets of the same name. */
const MAX_SHEET_NAME = 31;

/**
 * "Category table", the category shortened when both do not fit: the table's name is kept whole,
 * since it is what tells apart the sheets of a category whose name alone fills 31 characters.
 */
function toSheetName(category: string, table: string): string {
  const full = `${category} ${table}`;
  if (full.length <= MAX_SHEET_NAME) return full;
  const room = MAX_SHEET_NAME - table.length - 2;
  return room <= 0 ? table.slice(0, MAX_SHEET_NAME) : `${category.slice(0, room)}… ${table}`;
}

/** JSON columns as objects in the JSON file, so it reads as one document. */
function parseDocuments(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).map(([column, value]) => {
      if (typeof value !== 'string' || !/^[[{]/.test(value)) return [column, value];
      try {
        return [column, JSON.parse(value) as unknown];
      } catch {
        return [column, value];
      }
    }),
  );
}
