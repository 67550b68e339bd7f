import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { parseArguments, parseEnvFile, substitutePlaceholders } from '../../../scripts/package-app';
import { validateManifest } from '../../../scripts/validate-manifest';
import { ROOT, SAMPLE_VARIABLES } from './sample-environment';

const SCRIPT = join(ROOT, 'scripts', 'package-app.ts');

/** Runs `npm run package` as a child process, with only the system's variables plus `extraEnv`. */
function runPackageScript(args: string[], extraEnv: Record<string, string> = {}) {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, ...extraEnv };
  return spawnSync(process.execPath, [require.resolve('tsx/cli'), SCRIPT, ...args], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
}

function writeEnvFile(dir: string, envName: string, variables: Record<string, string>): void {
  const lines = Object.entries(variables).map(([key, value]) => `${key}=${JSON.stringify(value)}`);
  writeFileSync(join(dir, `.env.${envName}`), `# written by the test\n${lines.join('\n')}\n`);
}

describe('npm run package', () => {
  let work: string;

  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'app-package-'));
  });

  afterEach(() => {
    rmSync(work, { recursive: true, force: true });
  });

  it('writes a zip with the manifest, both icons and the localisation files', async () => {
    writeEnvFile(work, 'test', SAMPLE_VARIABLES);
    const out = join(work, 'build');

    const run = runPackageScript(['--env', 'test', '--env-dir', work, '--out', out]);

    assert.equal(run.status, 0, run.stderr);
    const zip = await JSZip.loadAsync(readFileSync(join(out, 'appPackage.test.zip')));
    assert.deepEqual(Object.keys(zip.files).sort(), [
      'color.png',
      'en.json',
      'fr.json',
      'manifest.json',
      'outline.png',
    ]);
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as {
      id: string;
      name: { short: string };
      bots: { botId: string }[];
    };
    assert.deepEqual(validateManifest(manifest), []);
    assert.equal(manifest.id, SAMPLE_VARIABLES.TEAMS_APP_ID);
    assert.equal(manifest.bots[0]!.botId, SAMPLE_VARIABLES.BOT_ID);
    assert.equal(manifest.name.short, 'Lab Innovation (test)');
    const english = JSON.parse(await zip.file('en.json')!.async('string')) as Record<
      string,
      string
    >;
    assert.equal(english['name.short'], 'Lab Innovation (test)');
  });

  it('lets the .user file and then the process environment override the shared file', async () => {
    writeEnvFile(work, 'test', { ...SAMPLE_VARIABLES, BOT_DOMAIN: 'from-shared-file.example' });
    writeFileSync(join(work, '.env.test.user'), 'APP_NAME_SUFFIX=" (user)"\n');
    const out = join(work, 'build');

    const run = runPackageScript(['--env=test', `--env-dir=${work}`, `--out=${out}`], {
      BOT_DOMAIN: 'from-process.azurewebsites.net',
    });

    assert.equal(run.status, 0, run.stderr);
    const zip = await JSZip.loadAsync(readFileSync(join(out, 'appPackage.test.zip')));
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as {
      validDomains: string[];
      name: { short: string };
    };
    assert.deepEqual(manifest.validDomains, ['from-process.azurewebsites.net']);
    assert.equal(manifest.name.short, 'Lab Innovation (user)');
  });

  it('exits non-zero naming each missing variable, and writes nothing', () => {
    const { BOT_DOMAIN: _domain, TEAMS_APP_ID: _app, ...incomplete } = SAMPLE_VARIABLES;
    writeEnvFile(work, 'test', incomplete);
    const out = join(work, 'build');

    const run = runPackageScript(['--env', 'test', '--env-dir', work, '--out', out]);

    assert.notEqual(run.status, 0);
    assert.match(run.stderr, /Missing variables/);
    assert.match(run.stderr, /- BOT_DOMAIN$/m);
    assert.match(run.stderr, /- TEAMS_APP_ID$/m);
    assert.throws(() => readFileSync(join(out, 'appPackage.test.zip')), { code: 'ENOENT' });
  });

  it('refuses to write a package that breaks the schema, listing the errors', () => {
    writeEnvFile(work, 'test', {
      ...SAMPLE_VARIABLES,
      BOT_ID: 'not-a-guid',
      GRAPH_CLIENT_ID: 'not-a-guid-either',
    });
    const out = join(work, 'build');

    const run = runPackageScript(['--env', 'test', '--env-dir', work, '--out', out]);

    assert.notEqual(run.status, 0);
    assert.match(run.stderr, /manifest\.json \/bots\/0\/botId must match pattern/);
    assert.match(run.stderr, /manifest\.json \/webApplicationInfo\/id must match pattern/);
    assert.throws(() => readFileSync(join(out, 'appPackage.test.zip')), { code: 'ENOENT' });
  });

  it('names an environment that has no file', () => {
    const run = runPackageScript(['--env', 'staging', '--env-dir', work]);

    assert.notEqual(run.status, 0);
    assert.match(run.stderr, /Unknown environment 'staging'/);
  });
});

describe('parseEnvFile', () => {
  it('reads values, quoted values and skips comments', () => {
    const values = parseEnvFile(
      [
        '# comment',
        'A=1',
        'B="two words"',
        "C='single'",
        'D=value # trailing comment',
        'E=',
        'export F=6',
        '',
      ].join('\n'),
    );
    assert.deepEqual(values, { A: '1', B: 'two words', C: 'single', D: 'value', E: '', F: '6' });
  });

  it('keeps the leading space of a quoted name suffix', () => {
    assert.deepEqual(parseEnvFile('APP_NAME_SUFFIX=" (dev)"'), { APP_NAME_SUFFIX: ' (dev)' });
  });
});

describe('substitutePlaceholders', () => {
  it('escapes values for a JSON string', () => {
    const { text } = substitutePlaceholders('{"a":"${{X}}"}', { X: 'say "hi"\\' });
    assert.deepEqual(JSON.parse(text), { a: 'say "hi"\\' });
  });

  it('treats an empty value as missing except for the app name suffix', () => {
    const result = substitutePlaceholders('"${{BOT_ID}}${{APP_NAME_SUFFIX}}"', {
      BOT_ID: '',
      APP_NAME_SUFFIX: '',
    });
    assert.deepEqual(result.missing, ['BOT_ID']);
  });
});

describe('parseArguments', () => {
  it('defaults to the local environment and appPackage/build', () => {
    const args = parseArguments([]);
    assert.equal(args.envName, 'local');
    assert.equal(args.outDir, join(ROOT, 'appPackage', 'build'));
  });

  it('refuses an environment name that could escape the env folder', () => {
    assert.throws(() => parseArguments(['--env', '../secrets']), /invalid environment name/);
  });
});
