import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { sql } from 'kysely';
import { digestAuditContent, verifyAuditChain } from '../../src/adapters/sql/audit-chain';
import type { DatabaseHandle } from '../../src/adapters/sql/open-database';
import { SqlAuditLog } from '../../src/adapters/sql/sql-audit-log';
import { SqlPersonalDataStore } from '../../src/adapters/sql/sql-personal-data-store';
import { runAuditCommand } from '../../src/cli/audit-command';
import type { AuditEntry } from '../../src/core/ports/audit-log';
import { toPseudonym } from '../../src/core/personal-data/to-pseudonym';
import { testDatabases } from './test-databases';

const MARIE = '3f2a9c1e-0d4b-4e8a-9b7c-5a6d1e2f3a4b';

function entry(n: number, actor = 'lab-admin'): AuditEntry {
  return {
    at: new Date(Date.UTC(2026, 9, 1, 8, n)),
    actor,
    action: 'candidacy.decision',
    programmeId: 'defi-2026',
    subjectId: `c-${n}`,
    details: { decision: 'accept', n },
  };
}

for (const target of testDatabases()) {
  describe(`audit chain (${target.name})`, () => {
    let database: DatabaseHandle | undefined;
    let audit: SqlAuditLog;

    beforeEach(async () => {
      database = await target.open();
      audit = new SqlAuditLog(database.db);
      for (let n = 1; n <= 5; n += 1) await audit.append(entry(n));
    });

    afterEach(async () => {
      await database?.close();
      database = undefined;
    });

    async function verifyCommand(): Promise<{ code: number; out: string }> {
      const stdout = new PassThrough();
      const chunks: string[] = [];
      stdout.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
      const code = await runAuditCommand(['verify'], {
        stdout,
        stderr: new PassThrough(),
        locale: 'fr_FR.UTF-8',
        // The command closes what it opens: give it a handle whose close does nothing.
        openDatabase: () => Promise.resolve({ ...database!, close: () => Promise.resolve() }),
      });
      return { code, out: chunks.join('') };
    }

    it('passes on an untouched log', async () => {
      assert.deepEqual(await verifyAuditChain(database!.db), { ok: true, rows: 5 });
      const { code, out } = await verifyCommand();
      assert.equal(code, 0);
      assert.match(out, /Journal d'audit intact : 5 ligne\(s\) vérifiée\(s\)/);
    });

    it('names the row changed by an UPDATE made directly in SQL', async () => {
      const third = await database!.db
        .selectFrom('audit_log')
        .select('id')
        .orderBy('id')
        .offset(2)
        .limit(1)
        .executeTakeFirstOrThrow();
      await sql`update audit_log set details = '{"decision":"decline","n":3}' where id = ${third.id}`.execute(
        database!.db,
      );
      assert.deepEqual(await verifyAuditChain(database!.db), {
        ok: false,
        rows: 5,
        id: Number(third.id),
        reason: 'content',
      });
      const { code, out } = await verifyCommand();
      assert.equal(code, 1);
      assert.match(out, new RegExp(`la ligne ${third.id} est la première en défaut`));
    });

    it('names the row after one deleted', async () => {
      const ids = (
        await database!.db.selectFrom('audit_log').select('id').orderBy('id').execute()
      ).map((row) => Number(row.id));
      await sql`delete from audit_log where id = ${ids[1]}`.execute(database!.db);
      const report = await verifyAuditChain(database!.db);
      assert.deepEqual(report, { ok: false, rows: 4, id: ids[2], reason: 'chain' });
    });

    it('names a row whose fields and digest were both rewritten', async () => {
      const last = await database!.db
        .selectFrom('audit_log')
        .selectAll()
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
      const details = '{"decision":"decline","n":5}';
      await sql`update audit_log set details = ${details}, content_digest = ${digestAuditContent({ ...last, details })} where id = ${last.id}`.execute(
        database!.db,
      );
      assert.deepEqual(await verifyAuditChain(database!.db), {
        ok: false,
        rows: 5,
        id: Number(last.id),
        reason: 'chain',
      });
    });

    it('keeps the chain across concurrent writers', async () => {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) => new SqlAuditLog(database!.db).append(entry(10 + i))),
      );
      assert.deepEqual(await verifyAuditChain(database!.db), { ok: true, rows: 25 });
    });

    it('stays intact after an erasure rewrites the person’s audit rows', async () => {
      await audit.append(entry(6, MARIE));
      const store = new SqlPersonalDataStore(database!.db);
      await store.erase(
        { aadId: MARIE, email: null, name: null },
        toPseudonym('7f3a0000aaaa1111bbbb'),
        {
          at: new Date(),
          actor: 'admin',
          action: 'personalData.erasure',
          programmeId: '',
          subjectId: 'pseudonym-7f3a0000aaaa1111',
          details: {},
        },
      );
      const rows = await database!.db.selectFrom('audit_log').select('actor').execute();
      assert.ok(!JSON.stringify(rows).includes(MARIE));
      assert.deepEqual(await verifyAuditChain(database!.db), { ok: true, rows: 7 });
    });
  });
}
