import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { runLabbot } from '../../../src/cli/labbot';

const IDENTITY = '6A1F0D3C-2B4E-4C8D-9E7F-1A2B3C4D5E6F';

async function run(argv: string[], locale = 'fr_FR.UTF-8') {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const code = await runLabbot(argv, { stdout, stderr, locale });
  stdout.end();
  stderr.end();
  return { code, out: String(stdout.read() ?? ''), err: String(stderr.read() ?? '') };
}

describe('labbot database app-role', () => {
  it('prints the role of the managed identity and its two grants, nothing more', async () => {
    const { code, out } = await run([
      'database',
      'app-role',
      '--role',
      'labbot-app',
      '--object-id',
      IDENTITY,
    ]);
    assert.equal(code, 0);
    const statements = out.split('\n').filter((line) => line !== '' && !line.startsWith('--'));
    assert.deepEqual(statements, [
      "SELECT * FROM pgaadauth_create_principal_with_oid('labbot-app', '6a1f0d3c-2b4e-4c8d-9e7f-1a2b3c4d5e6f', 'service', false, false);",
      'GRANT CONNECT, CREATE ON DATABASE "labbot" TO "labbot-app";',
    ]);
    assert.doesNotMatch(out, /azure_pg_admin|SUPERUSER|CREATEROLE|CREATEDB|true, /i);
  });

  it('takes another database name', async () => {
    const { out } = await run([
      'database',
      'app-role',
      '--role',
      'labbot_app',
      '--object-id',
      IDENTITY,
      '--database',
      'labbot_prod',
    ]);
    assert.match(out, /ON DATABASE "labbot_prod" TO "labbot_app"/);
  });

  for (const [what, args] of [
    ['a role name that would close the quote', ['--role', "x'); DROP TABLE outbox; --"]],
    ['a role name with a double quote', ['--role', 'x" SUPERUSER']],
    ['an object id that is not a GUID', ['--role', 'labbot-app', '--object-id', "1' OR '1"]],
    ['a database name with spaces', ['--role', 'labbot-app', '--database', 'lab bot']],
  ] as const) {
    it(`refuses ${what}, printing no SQL`, async () => {
      const given: readonly string[] = args;
      const full = given.includes('--object-id') ? [...given] : [...given, '--object-id', IDENTITY];
      const { code, out, err } = await run(['database', 'app-role', ...full]);
      assert.equal(code, 64);
      assert.equal(out, '');
      assert.match(err, /Valeur refusée/);
    });
  }

  it('shows its usage on a missing option or an unknown one', async () => {
    for (const argv of [
      ['database', 'app-role', '--role', 'labbot-app'],
      ['database', 'app-role', '--role', 'labbot-app', '--object-id', IDENTITY, '--admin', 'yes'],
    ]) {
      const { code, err } = await run(argv);
      assert.equal(code, 64, argv.join(' '));
      assert.match(err, /labbot database app-role --role NOM/);
    }
  });
});
