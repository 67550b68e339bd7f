import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testDatabases } from './test-databases';

describe('contract test databases', () => {
  it('fails, naming the URL, when the PostgreSQL server is unreachable', async () => {
    const postgres = testDatabases('postgres://127.0.0.1:1/test').find(
      (target) => target.name === 'postgres',
    );
    assert.ok(postgres !== undefined);
    await assert.rejects(
      postgres.open(),
      /The PostgreSQL server at postgres:\/\/127\.0\.0\.1:1\/test is unreachable/,
    );
  });

  it('drops the PostgreSQL schema of a test database when it is closed', async () => {
    const postgres = testDatabases().find((target) => target.name === 'postgres');
    assert.ok(postgres !== undefined);
    const observer = await postgres.open();
    const handle = await postgres.open();
    try {
      const current = await sql<{ schema: string }>`select current_schema() as schema`.execute(
        handle.db,
      );
      const schema = current.rows[0]?.schema;
      assert.match(schema ?? '', /^contract_/);
      const exists = async (): Promise<boolean> => {
        const found = await sql<{ n: number }>`select 1 as n from information_schema.schemata
          where schema_name = ${schema}`.execute(observer.db);
        return found.rows.length === 1;
      };
      assert.equal(await exists(), true);
      await handle.close();
      assert.equal(await exists(), false);
    } finally {
      await handle.close();
      await observer.close();
    }
  });
});
