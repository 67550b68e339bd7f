import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { openDatabase, type DatabaseHandle } from '../../../src/adapters/sql/open-database';
import { runPersonCommand } from '../../../src/cli/person-command';
import type { Clock } from '../../../src/core/ports/clock';
import { createPersonalDataDeps } from '../../../src/features/personal-data/personal-data-module';

const MARIE = '3f2a9c1e-0d4b-4e8a-9b7c-5a6d1e2f3a4b';
const PAUL = '8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const clock: Clock = { now: () => new Date('2026-12-04T10:00:00.000Z') };

describe('labbot person export|erase', () => {
  let database: DatabaseHandle;

  beforeEach(async () => {
    database = await openDatabase({ sqlitePath: ':memory:' });
    await database.db
      .insertInto('people')
      .values([
        { aad_id: MARIE, email: 'marie.dupont@agri.gouv.fr', name: 'Marie Dupont', seen_at: 'x' },
        { aad_id: PAUL, email: 'paul.martin@agri.gouv.fr', name: 'Paul Martin', seen_at: 'x' },
      ])
      .execute();
    await database.db
      .insertInto('absences')
      .values({ aad_id: MARIE, until_day: '2026-12-20', declared_at: 'x' })
      .execute();
  });

  afterEach(() => database.close());

  async function run(argv: string[], locale = 'fr_FR.UTF-8') {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const out: string[] = [];
    const err: string[] = [];
    stdout.on('data', (chunk: Buffer) => out.push(chunk.toString()));
    stderr.on('data', (chunk: Buffer) => err.push(chunk.toString()));
    const code = await runPersonCommand(argv, {
      stdout,
      stderr,
      locale,
      admin: 'cli:dpo',
      openDeps: () =>
        Promise.resolve({
          deps: createPersonalDataDeps(database.db, {
            signingKey: 'k',
            clock,
            ids: { newId: () => 'id-1' },
          }),
          close: () => Promise.resolve(),
        }),
    });
    return { code, out: out.join(''), err: err.join('') };
  }

  it('exports what is held about a person named by e-mail, as JSON, and audits it', async () => {
    const { code, out } = await run(['export', 'Marie.Dupont@agri.gouv.fr']);
    assert.equal(code, 0);
    const json = JSON.parse(out) as { person: string; categories: Record<string, unknown> };
    assert.equal(json.person, MARIE);
    assert.match(out, /2026-12-20/);
    assert.doesNotMatch(out, /Paul Martin/);
    const audit = await database.db.selectFrom('audit_log').selectAll().execute();
    assert.deepEqual(
      audit.map((row) => [row.actor, row.action, row.subject_id]),
      [['cli:dpo', 'personalData.view', MARIE]],
    );
  });

  it('erases a person named by Entra id, leaves the others, and audits it under the pseudonym', async () => {
    const { code, out } = await run(['erase', MARIE.toUpperCase()]);
    assert.equal(code, 0);
    assert.match(out, /Effacé : désormais « Personne [0-9a-f]{4} »\. 2 ligne\(s\) supprimée\(s\)/);
    const people = await database.db.selectFrom('people').select('aad_id').execute();
    assert.deepEqual(people, [{ aad_id: PAUL }]);
    const audit = await database.db.selectFrom('audit_log').selectAll().execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.actor, 'cli:dpo');
    assert.match(audit[0]!.subject_id ?? '', /^pseudonym-[0-9a-f]{16}$/);
    assert.doesNotMatch(JSON.stringify(audit), new RegExp(MARIE, 'i'));
  });

  it('says when nothing is held, and changes nothing', async () => {
    const { code, err } = await run(['erase', 'nobody@agri.gouv.fr'], 'en_GB.UTF-8');
    assert.equal(code, 1);
    assert.match(err, /Nothing is held about nobody@agri.gouv.fr/);
    assert.equal((await database.db.selectFrom('people').select('aad_id').execute()).length, 2);
  });

  it('refuses a usage error with 64', async () => {
    assert.equal((await run(['erase'])).code, 64);
    assert.equal((await run(['delete', MARIE])).code, 64);
    assert.equal((await run(['erase', MARIE, PAUL])).code, 64);
  });
});
