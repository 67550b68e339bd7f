import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { Client } from 'pg';
import { toAppRoleSql } from '../../src/adapters/sql/app-role-sql';
import { openDatabase, type DatabaseHandle } from '../../src/adapters/sql/open-database';
import { resolvePostgresUrl } from '../../src/adapters/sql/resolve-postgres-url';
import { SqlProgrammeStore } from '../../src/adapters/sql/sql-programme-store';
import { DEMO_PROGRAMME } from '../../src/demo/seed-demo-programme';
import { testDatabaseUrl } from './test-databases';

/**
 * PostgreSQL only: the role Azure gives the bot (docs/deployment.md) is enough to run it. A plain
 * login role stands for the Entra-mapped one (pgaadauth exists only on Azure); the grants are
 * exactly those `labbot database app-role` prints.
 */
describe('the bot on PostgreSQL as its least-privileged role', () => {
  const suffix = `${process.pid}_${randomBytes(4).toString('hex')}`;
  const role = `labbot_app_${suffix}`;
  const schema = `labbot_${suffix}`;
  const password = randomBytes(18).toString('base64url');
  let admin: Client;
  let database: string;
  let handle: DatabaseHandle | undefined;

  before(async () => {
    admin = new Client({ connectionString: resolvePostgresUrl(testDatabaseUrl()) });
    await admin.connect();
    database = (await admin.query<{ db: string }>('select current_database() as db')).rows[0]!.db;
    await admin.query(`create role "${role}" login password '${password}'`);
    const { grants } = toAppRoleSql({
      role,
      objectId: '6a1f0d3c-2b4e-4c8d-9e7f-1a2b3c4d5e6f',
      database,
    });
    for (const grant of grants) await admin.query(grant);
  });

  after(async () => {
    await handle?.close();
    await admin.query(`drop schema if exists "${schema}" cascade`);
    await admin.query(`revoke all on database "${database}" from "${role}"`);
    await admin.query(`drop role if exists "${role}"`);
    await admin.end();
  });

  function roleUrl(): string {
    const url = new URL(resolvePostgresUrl(testDatabaseUrl()));
    url.username = role;
    url.password = password;
    return url.toString();
  }

  it('creates its schema, runs every migration there and works in it', async () => {
    handle = await openDatabase({
      databaseUrl: roleUrl(),
      sqlitePath: '',
      schema,
      // The password comes from a function, as the Entra token does in Azure.
      password: () => Promise.resolve(password),
    });
    const programmes = new SqlProgrammeStore(handle.db);
    await programmes.save(DEMO_PROGRAMME);
    assert.equal((await programmes.get(DEMO_PROGRAMME.id))?.name, DEMO_PROGRAMME.name);
    const owner = await admin.query<{ owner: string }>(
      'select nspowner::regrole::text as owner from pg_namespace where nspname = $1',
      [schema],
    );
    assert.equal(owner.rows[0]?.owner, role);
  });

  it('may not create anything outside its schema, nor roles, nor databases', async () => {
    assert.ok(handle);
    await assert.rejects(
      sql`create table public.labbot_escape (id int)`.execute(handle.db),
      /permission denied/,
    );
    await assert.rejects(
      sql.raw(`create role labbot_other_${suffix}`).execute(handle.db),
      /permission denied/,
    );
    await assert.rejects(
      sql.raw(`create database labbot_other_${suffix}`).execute(handle.db),
      /permission denied/,
    );
  });
});
