import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { runLabbot } from '../../../src/cli/labbot';
import { runTeamsFormCommand } from '../../../src/cli/teams-form-command';

const ROOT = join(__dirname, '../../..');
const FIXTURE = join(ROOT, 'test/fixtures/team-formation/defi-2022.json');
const defi2022 = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Record<string, unknown>;
const directory = mkdtempSync(join(tmpdir(), 'teams-form-'));

function inputFile(content: unknown, name = 'input.json'): string {
  const path = join(directory, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

async function run(argv: string[], locale = 'fr_FR.UTF-8') {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { out: '', err: '' };
  stdout.on('data', (chunk: Buffer) => (chunks.out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (chunks.err += chunk.toString()));
  const code = await runTeamsFormCommand(argv, { stdout, stderr, locale });
  return { code, stdout: chunks.out, stderr: chunks.err };
}

describe('labbot teams form', () => {
  it('prints the formation as JSON with the contract fields, and exits 0', async () => {
    const { code, stdout } = await run(['--input', FIXTURE, '--seed', '7', '--json']);
    assert.equal(code, 0);
    const result = JSON.parse(stdout);
    assert.deepEqual(Object.keys(result), [
      'teams',
      'worstScore',
      'meanScore',
      'hardViolations',
      'seed',
    ]);
    assert.equal(result.seed, 7);
    assert.equal(result.hardViolations, 0);
    assert.equal(result.teams.length, 8);
    for (const team of result.teams) {
      for (const field of ['members', 'facilitators', 'score', 'explanation']) {
        assert.ok(field in team, field);
      }
    }
  });

  it('prints byte-identical JSON for the same file and seed', async () => {
    const first = await run(['--input', FIXTURE, '--seed', '11', '--json']);
    const second = await run(['--input', FIXTURE, '--seed', '11', '--json']);
    assert.equal(first.stdout, second.stdout);
  });

  it('prints a readable table without --json', async () => {
    const { code, stdout } = await run(['--input', FIXTURE, '--seed', '1']);
    assert.equal(code, 0);
    assert.match(stdout, /^Équipe\s+Score\s+Thème\s+Membres \(organisation\)\s+Animateurs\n/);
    assert.match(stdout, /\n1\s+\d+,\d\s+/);
    assert.match(
      stdout,
      /Pire équipe : \d+,\d · moyenne : \d+,\d · règles enfreintes : 0 · graine : 1/,
    );
  });

  it('speaks English when the locale is English', async () => {
    const { stdout } = await run(['--input', FIXTURE], 'en_GB.UTF-8');
    assert.match(stdout, /Worst team: \d+\.\d · mean: \d+\.\d · rules broken: 0 · seed: 1/);
  });

  it('exits 2 with the explanation on stderr when the rules cannot be met', async () => {
    const path = inputFile({ ...defi2022, teamCount: 5, minSize: 4, maxSize: 8 });
    const { code, stdout, stderr } = await run(['--input', path, '--json'], 'en_US.UTF-8');
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.match(
      stderr,
      /Cpam de la Sarthe has 6 selected participants but there are only 5 teams/,
    );
  });

  it('exits 1 naming the problem when the file is not JSON', async () => {
    const { code, stderr } = await run(['--input', inputFile('{ "people": [', 'broken.json')]);
    assert.equal(code, 1);
    assert.match(stderr, /broken\.json : JSON invalide/);
  });

  it('exits 1 when the file does not exist', async () => {
    const { code, stderr } = await run(['--input', join(directory, 'missing.json')]);
    assert.equal(code, 1);
    assert.match(stderr, /missing\.json : fichier introuvable/);
  });

  it('exits 1 naming each missing or mistyped field', async () => {
    const people = [
      { id: 'a', branch: 'famille' },
      { id: 'b', organisation: 'cnaf', branch: 3 },
    ];
    const { code, stderr } = await run(['--input', inputFile({ people, teamCount: 1.5 })], 'en');
    assert.equal(code, 1);
    assert.match(stderr, /people\[0\]\.organisation: required field is missing/);
    assert.match(stderr, /people\[1\]\.branch: expected text, found a number/);
    assert.match(stderr, /teamCount: must be a whole number/);
    assert.match(stderr, /minSize: required field is missing/);
  });

  it('exits 1 on an unknown person in a lock or an "apart" pair, and a team out of range', async () => {
    const path = inputFile({
      ...defi2022,
      locked: [
        { person: 'p99', team: 0 },
        { person: 'p01', team: 8 },
      ],
      apart: [['p01', 'nobody']],
    });
    const { code, stderr } = await run(['--input', path]);
    assert.equal(code, 1);
    assert.match(stderr, /locked\[0\]\.person : personne inconnue « p99 »/);
    assert.match(
      stderr,
      /locked\[1\]\.team : 8 n'existe pas ; avec 8 équipes, « team » va de 0 à 7/,
    );
    assert.match(stderr, /apart\[0\]\[1\] : personne inconnue « nobody »/);
    assert.match(stderr, /3 erreur\(s\) ; aucune équipe formée\./);
  });

  it('exits 1 on a duplicated person id', async () => {
    const people = (defi2022.people as object[]).slice();
    people.push({ ...(people[0] as object) });
    const { code, stderr } = await run(['--input', inputFile({ ...defi2022, people })], 'en');
    assert.equal(code, 1);
    assert.match(stderr, /people\[39\]\.id: "p29" already appears at people\[0\]/);
  });

  it('warns about an unknown field but still forms the teams', async () => {
    const { code, stderr } = await run([
      '--input',
      inputFile({ ...defi2022, lockd: [] }),
      '--json',
    ]);
    assert.equal(code, 0);
    assert.match(stderr, /attention, champ inconnu « lockd » ignoré/);
  });

  it('exits 64 with the usage when --input is missing or the seed is not a number', async () => {
    assert.equal((await run([])).code, 64);
    const { code, stderr } = await run(['--input', FIXTURE, '--seed', 'abc']);
    assert.equal(code, 64);
    assert.match(stderr, /--seed doit être un entier positif ou nul/);
  });

  it('is reached through the labbot dispatcher, which refuses unknown commands', async () => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let errors = '';
    stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const io = { stdout, stderr, locale: 'fr' };
    assert.equal(await runLabbot(['teams', 'form', '--help'], io), 0);
    assert.equal(await runLabbot(['teams', 'dissolve'], io), 64);
    assert.match(errors, /Commande inconnue « teams dissolve »/);
  });

  it('runs as a real process through the labbot entry point', async function () {
    this.timeout(60_000);
    const { stdout } = await promisify(execFile)(
      'npx',
      ['tsx', 'src/cli/labbot.ts', 'teams', 'form', '--input', FIXTURE, '--seed', '5', '--json'],
      { cwd: ROOT },
    );
    const inProcess = await run(['--input', FIXTURE, '--seed', '5', '--json']);
    assert.equal(stdout, inProcess.stdout);
  });

  it('exits 2 as a real process when the rules cannot be met', async function () {
    this.timeout(60_000);
    const path = inputFile({ ...defi2022, teamCount: 5, minSize: 4, maxSize: 8 }, 'five.json');
    const failure = await promisify(execFile)(
      'npx',
      ['tsx', 'src/cli/labbot.ts', 'teams', 'form', '--input', path, '--seed', '5', '--json'],
      { cwd: ROOT, env: { ...process.env, LANG: 'fr_FR.UTF-8', LC_ALL: '' } },
    ).then(
      () => assert.fail('expected exit code 2'),
      (error: { code: number; stderr: string }) => error,
    );
    assert.equal(failure.code, 2);
    assert.match(failure.stderr, /Cpam de la Sarthe a 6 participants sélectionnés/);
  });
});
