import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openDatabase, type DatabaseHandle } from '../../../../src/adapters/sql/open-database';
import {
  PERSONAL_DATA_REGISTER,
  TABLES_WITHOUT_PERSONAL_DATA,
} from '../../../../src/core/personal-data/personal-data-register';
import { renderRegisterMarkdown } from '../../../../src/core/personal-data/render-register-markdown';

/**
 * Column names that say "this is about a person": an Entra id, an e-mail, a person's name, who
 * did something, or text someone wrote (`confirm_by` is a day, not a person). A table with such a column must be in the register.
 */
const PERSON_COLUMN = /(^|_)(aad_id|email)$|ed_by$|^actor$|^applicant_name$|comment|^note$/;

describe('the personal data register', () => {
  let database: DatabaseHandle;
  const columnsByTable = new Map<string, string[]>();

  before(async () => {
    database = await openDatabase({ sqlitePath: ':memory:' });
    const tables = await sql<{ name: string }>`
      select name from sqlite_master
      where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'
    `.execute(database.db);
    for (const { name } of tables.rows) {
      const columns = await sql<{
        name: string;
      }>`select name from pragma_table_info(${name})`.execute(database.db);
      columnsByTable.set(
        name,
        columns.rows.map((c) => c.name),
      );
    }
  });

  after(() => database.close());

  it('declares every table of the migrations, as holding personal data or not', () => {
    assert.ok(columnsByTable.size > 10, 'the migrations created the tables');
    const registered = new Set(PERSONAL_DATA_REGISTER.map((entry) => entry.table));
    const undeclared = [...columnsByTable.keys()].filter(
      (table) => !registered.has(table) && !(table in TABLES_WITHOUT_PERSONAL_DATA),
    );
    assert.deepEqual(undeclared, [], 'declare these tables in personal-data-register.ts');
  });

  it('declares every column that names a person or holds what they wrote', () => {
    const missing: string[] = [];
    for (const [table, columns] of columnsByTable) {
      const entry = PERSONAL_DATA_REGISTER.find((e) => e.table === table);
      const declared = new Set([...(entry?.personColumns ?? []), ...(entry?.contentColumns ?? [])]);
      for (const column of columns) {
        if (PERSON_COLUMN.test(column) && !declared.has(column)) missing.push(`${table}.${column}`);
      }
    }
    assert.deepEqual(missing, []);
  });

  it('names only tables and columns that exist, each table once', () => {
    const seen = new Set<string>();
    for (const entry of PERSONAL_DATA_REGISTER) {
      assert.ok(!seen.has(entry.table), `${entry.table} is declared twice`);
      seen.add(entry.table);
      const columns = columnsByTable.get(entry.table);
      assert.ok(columns, `${entry.table} is not a table of the migrations`);
      for (const column of [...entry.personColumns, ...entry.contentColumns]) {
        assert.ok(columns.includes(column), `${entry.table}.${column} does not exist`);
      }
      assert.ok(!(entry.table in TABLES_WITHOUT_PERSONAL_DATA), `${entry.table} is in both lists`);
    }
    for (const table of Object.keys(TABLES_WITHOUT_PERSONAL_DATA)) {
      assert.ok(columnsByTable.has(table), `${table} is not a table of the migrations`);
    }
  });

  it('is the register docs/personal-data.md shows (npx tsx scripts/write-personal-data-doc.ts)', () => {
    const page = readFileSync(join(__dirname, '../../../../docs/personal-data.md'), 'utf8');
    assert.ok(page.includes(renderRegisterMarkdown()), 'docs/personal-data.md is out of date');
  });
});
