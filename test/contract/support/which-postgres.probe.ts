import { sql } from 'kysely';
import { testDatabases, testDatabaseUrl } from '../test-databases';

// Not a suite of its own (no .test.ts): run by postgres-fixture.contract.test.ts in a child mocha.
describe('which PostgreSQL', () => {
  it('opens a test database and reports the server', async () => {
    const postgres = testDatabases().find((target) => target.name === 'postgres');
    if (postgres === undefined) throw new Error('no postgres target');
    const handle = await postgres.open();
    try {
      const result = await sql<{ version: string }>`show server_version_num`.execute(handle.db);
      const version = Math.floor(Number(Object.values(result.rows[0] ?? {})[0]) / 10_000);
      process.stdout.write(`used ${testDatabaseUrl()} version ${version}\n`);
    } finally {
      await handle.close();
    }
  });
});
