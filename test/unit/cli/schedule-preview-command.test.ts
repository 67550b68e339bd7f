import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runLabbot } from '../../../src/cli/labbot';
import {
  runSchedulePreviewCommand,
  type PreviewLine,
} from '../../../src/cli/schedule-preview-command';

const EXAMPLE = join(__dirname, '../../../examples/defi-du-lab-2026.yml');

async function run(argv: string[], locale = 'fr_FR.UTF-8') {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const code = await runSchedulePreviewCommand(argv, { stdout, stderr, locale });
  stdout.end();
  stderr.end();
  return { code, out: String(stdout.read() ?? ''), err: String(stderr.read() ?? '') };
}

describe('labbot schedule preview', () => {
  it('prints the planned sends of a range as JSON, at each recipient’s local time', async () => {
    const { code, out } = await run([
      'preview',
      '--programme',
      EXAMPLE,
      '--from',
      '2026-10-01',
      '--to',
      '2026-10-01',
      '--json',
    ]);
    assert.equal(code, 0);
    const lines = JSON.parse(out) as PreviewLine[];
    assert.equal(lines.length, 8);
    assert.deepEqual(Object.keys(lines[0]!), [
      'at',
      'localTime',
      'timezone',
      'recipient',
      'team',
      'kind',
    ]);
    assert.deepEqual(
      lines.find((line) => line.team === 'team-1' && line.recipient === 'Maëlys Horth'),
      {
        at: '2026-10-01T12:30:00.000Z',
        localTime: '2026-10-01 09:30',
        timezone: 'America/Cayenne',
        recipient: 'Maëlys Horth',
        team: 'team-1',
        kind: 'checkin.card',
      },
    );
    assert.ok(
      lines.some(
        (line) => line.recipient === 'espace de l’équipe «\u202fKit à recruter\u202f» dans Teams',
      ),
    );
  });

  it('prints a readable table without --json, and says nothing was sent', async () => {
    const { code, out } = await run(
      ['--programme', EXAMPLE, '--from', '2026-12-08', '--to', '2026-12-11'],
      'en_GB.UTF-8',
    );
    assert.equal(code, 0);
    const lines = out.trim().split('\n');
    assert.match(lines[0]!, /^Local time\s+Time zone\s+Send\s+Team\s+Recipient\s+UTC$/);
    assert.match(
      out,
      /2026-12-08 09:30 {2}America\/Cayenne\s+review preparation reminder\s+team-1\s+Maëlys Horth/,
    );
    assert.match(
      out,
      /2026-12-09 09:30 {2}Europe\/Paris\s+review pack \(Lab team\)\s+team-3\s+Nadia Benali/,
    );
    assert.match(out, /planned send\(s\) from 2026-12-08 to 2026-12-11; nothing was sent\.\n/);
    assert.match(lines.at(-1)!, /only go to teams that have not answered/);
  });

  it('refuses a missing option or a range that ends before it starts, with the usage', async () => {
    for (const argv of [
      ['--programme', EXAMPLE, '--from', '2026-10-01'],
      ['--programme', EXAMPLE, '--from', '2026-10-02', '--to', '2026-10-01'],
      ['--programme', EXAMPLE, '--from', '2026-02-30', '--to', '2026-03-01'],
      ['--programme', EXAMPLE, '--from', '2026-10-01', '--to', '2026-10-02', '--send'],
    ]) {
      const { code, err } = await run(argv);
      assert.equal(code, 64, argv.join(' '));
      assert.match(err, /labbot schedule preview --programme/);
    }
  });

  it('reports an invalid file with its lines, and prints nothing', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'labbot-preview-'));
    const file = join(directory, 'broken.yml');
    writeFileSync(file, readFileSync(EXAMPLE, 'utf8').replace("time: '09:30'", "time: '25:00'"));
    const { code, out, err } = await run([
      '--programme',
      file,
      '--from',
      '2026-10-01',
      '--to',
      '2026-10-31',
    ]);
    assert.equal(code, 1);
    assert.equal(out, '');
    assert.match(
      err,
      /broken\.yml:\d+: followUp\.checkIn\.time\u00a0: heure invalide «\u202f25:00\u202f»/,
    );
  });

  it('is reachable as "labbot schedule preview", with its usage on --help', async () => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const io = { stdout, stderr, locale: 'fr_FR.UTF-8' };
    const code = await runLabbot(
      [
        'schedule',
        'preview',
        '--programme',
        EXAMPLE,
        '--from',
        '2026-09-01',
        '--to',
        '2026-09-01',
        '--json',
      ],
      io,
    );
    assert.equal(code, 0);
    assert.equal((JSON.parse(String(stdout.read())) as PreviewLine[]).length, 8);
    assert.equal(await runLabbot(['schedule', 'preview', '--help'], io), 0);
    assert.match(String(stdout.read()), /labbot schedule preview --programme FICHIER/);
  });
});
