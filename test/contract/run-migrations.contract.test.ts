import assert from 'node:assert/strict';
import { sql, type Kysely, type Migration } from 'kysely';
import { migrations } from '../../src/adapters/sql/migrations';
import type { DatabaseHandle } from '../../src/adapters/sql/open-database';
import { runMigrations } from '../../src/adapters/sql/run-migrations';
import type { Database } from '../../src/adapters/sql/schema';
import { testDatabases } from './test-databases';

/** Fails halfway: creates a table, then queries one that does not exist. */
const brokenMigration: Migration = {
  up: async (db: Kysely<unknown>) => {
    await db.schema.createTable('half_done').addColumn('id', 'text').execute();
    await sql`select * from no_such_table`.execute(db);
  },
};

const extraMigration: Migration = {
  up: async (db: Kysely<unknown>) => {
    await db.schema.createTable('extra').addColumn('id', 'text').execute();
  },
};

const extraLate: Migration = {
  up: async (db: Kysely<unknown>) => {
    await db.schema.createTable('late_table').addColumn('id', 'text').execute();
  },
};

async function appliedNames(db: Kysely<Database>): Promise<string[]> {
  const result = await sql<{
    name: string;
  }>`select name from kysely_migration order by name`.execute(db);
  return result.rows.map((row) => row.name);
}

/** The schema the handle works in on PostgreSQL (each contract database has its own). */
async function schemaOf(handle: DatabaseHandle): Promise<string | undefined> {
  if (handle.dialect !== 'postgres') return undefined;
  const result = await sql<{ schema: string }>`select current_schema() as schema`.execute(
    handle.db,
  );
  return result.rows[0]?.schema;
}

for (const target of testDatabases()) {
  describe(`migrations (${target.name})`, () => {
    let database: DatabaseHandle | undefined;

    beforeEach(async () => {
      database = await target.open();
    });

    afterEach(async () => {
      await database?.close();
      database = undefined;
    });

    it('applies only the migrations not applied yet', async () => {
      const db = database!.db;
      const schema = await schemaOf(database!);
      const before = await appliedNames(db);
      const withExtra = { ...migrations, '9000_extra': extraMigration };
      assert.deepEqual(await runMigrations(db, withExtra, schema), ['9000_extra']);
      assert.deepEqual(await runMigrations(db, withExtra, schema), []);
      assert.deepEqual(await appliedNames(db), [...before, '9000_extra']);
    });

    it('applies a migration that lands after a higher-numbered one was applied', async () => {
      const db = database!.db;
      const schema = await schemaOf(database!);
      await runMigrations(db, { ...migrations, '9000_extra': extraMigration }, schema);
      const late = { ...migrations, '0999_late': extraLate, '9000_extra': extraMigration };
      assert.deepEqual(await runMigrations(db, late, schema), ['0999_late']);
      await sql`select * from late_table`.execute(db);
    });

    it('names the migration that failed and rolls back what it had done', async () => {
      const db = database!.db;
      const schema = await schemaOf(database!);
      const before = await appliedNames(db);
      await assert.rejects(
        runMigrations(db, { ...migrations, '9999_broken': brokenMigration }, schema),
        (error: Error) => {
          assert.match(error.message, /^Database migration 9999_broken failed: .*no_such_table/);
          return true;
        },
      );
      await assert.rejects(sql`select * from half_done`.execute(db), /half_done/);
      assert.deepEqual(await appliedNames(db), before);
    });
  });
}
