import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runLabbot } from '../../../src/cli/labbot';
import { openLabSessionStore } from '../../../src/cli/open-lab-session-store';
import {
  runSchedulePreviewCommand,
  type PreviewLine,
  type SessionPreviewLine,
} from '../../../src/cli/schedule-preview-command';
import type { SessionRequest } from '../../../src/core/lab-sessions/session-request';

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

describe('labbot schedule preview --sessions (Lab sessions from the database)', () => {
  /** A request in preparation, its day set, as the facilitators leave it. */
  function request(overrides: Partial<SessionRequest>): SessionRequest {
    return {
      id: 'req-paris',
      trackingNumber: 'LAB-2027-001',
      status: 'preparation',
      requester: { aadId: 'aaaaaaaa-0000-4000-8000-000000000001', name: 'Camille Lefèvre' },
      requesterTimeZone: 'Europe/Paris',
      fields: {
        subject: 'Accueil des nouveaux allocataires',
        problem: 'Les premiers rendez-vous arrivent trop tard.',
        intendedResult: 'Trois prototypes.',
        sponsor: '',
        sponsorEmail: '',
        internalParticipants: 30,
        externalParticipants: 12,
        desiredPeriod: 'avril 2027',
        constraints: '',
      },
      facilitators: [
        { aadId: 'ffffffff-0000-4000-8000-00000000000a', name: 'Sophie Moreau' },
        { aadId: 'ffffffff-0000-4000-8000-00000000000b', name: 'Thomas Girard' },
      ],
      qualificationMeeting: null,
      priority: null,
      sequencing: null,
      qualification: null,
      decision: null,
      sessionDay: '2027-04-08',
      coldDebriefDay: '2027-05-20',
      createdAt: new Date('2027-02-01T09:00:00.000Z'),
      updatedAt: new Date('2027-03-02T09:00:00.000Z'),
      ...overrides,
    };
  }

  let directory: string;
  let env: NodeJS.ProcessEnv;

  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), 'labbot-preview-sessions-'));
    env = { SQLITE_PATH: join(directory, 'labbot.sqlite') };
    const { sessions, close } = await openLabSessionStore(env);
    try {
      await sessions.insert(request({}));
      // A requester in Cayenne: her times are Cayenne's (UTC-3), her holidays French Guiana's.
      await sessions.insert(
        request({
          id: 'req-cayenne',
          trackingNumber: 'LAB-2027-002',
          requester: { aadId: 'aaaaaaaa-0000-4000-8000-000000000002', name: 'Maëlle Joseph' },
          requesterTimeZone: 'America/Cayenne',
          fields: { ...request({}).fields, subject: 'Rendez-vous à distance' },
          sessionDay: '2027-04-15',
          coldDebriefDay: '2027-05-27',
        }),
      );
      // Withdrawn: nothing of it is sent any more.
      await sessions.insert(
        request({ id: 'req-withdrawn', trackingNumber: 'LAB-2027-003', status: 'withdrawn' }),
      );
    } finally {
      await close();
    }
  });

  afterEach(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  async function runWith(argv: string[], locale = 'fr_FR.UTF-8') {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const code = await runSchedulePreviewCommand(argv, {
      stdout,
      stderr,
      locale,
      openSessions: () => openLabSessionStore(env),
    });
    stdout.end();
    stderr.end();
    return { code, out: String(stdout.read() ?? ''), err: String(stderr.read() ?? '') };
  }

  it('lists the preparation reminders and the debriefs in JSON, at the requester’s local time', async () => {
    const { code, out, err } = await runWith([
      '--sessions',
      '--from',
      '2027-03-01',
      '--to',
      '2027-06-30',
      '--json',
    ]);
    assert.equal(code, 0, err);
    const lines = JSON.parse(out) as SessionPreviewLine[];
    const paris = lines.filter((line) => line.session === 'LAB-2027-001');
    assert.deepEqual(
      paris.map((line) => [line.localTime, line.kind]),
      [
        ['2027-03-11 09:30', 'session.scenario'],
        ['2027-03-18 09:30', 'session.invitations'],
        ['2027-04-01 09:30', 'session.logistics'],
        ['2027-04-07 09:30', 'session.finalBrief'],
        ['2027-04-08 17:30', 'session.hot'],
        ['2027-05-20 09:30', 'session.cold'],
        ['2027-05-27 09:30', 'session.coldReminder'],
      ],
    );
    // Paris is UTC+1 in March, UTC+2 from the end of March.
    assert.equal(paris[0]!.at, '2027-03-11T08:30:00.000Z');
    assert.equal(paris[4]!.at, '2027-04-08T15:30:00.000Z');
    assert.deepEqual(paris[5], {
      at: '2027-05-20T07:30:00.000Z',
      localTime: '2027-05-20 09:30',
      timezone: 'Europe/Paris',
      recipient: 'le demandeur et le parrain',
      session: 'LAB-2027-001',
      subject: 'Accueil des nouveaux allocataires',
      kind: 'session.cold',
    });
    const cayenne = lines.find(
      (line) => line.session === 'LAB-2027-002' && line.kind === 'session.hot',
    );
    assert.deepEqual(
      [cayenne?.localTime, cayenne?.timezone, cayenne?.at],
      ['2027-04-15 17:30', 'America/Cayenne', '2027-04-15T20:30:00.000Z'],
    );
    assert.ok(!lines.some((line) => line.session === 'LAB-2027-003'), 'withdrawn: nothing');
    // In time order, the two requests interleaved.
    const instants = lines.map((line) => line.at);
    assert.deepEqual(instants, [...instants].sort());
  });

  it('keeps to the range asked for', async () => {
    const { code, out } = await runWith([
      '--sessions',
      '--from',
      '2027-04-08',
      '--to',
      '2027-04-08',
      '--json',
    ]);
    assert.equal(code, 0);
    assert.deepEqual(
      (JSON.parse(out) as SessionPreviewLine[]).map((line) => `${line.session} ${line.kind}`),
      // 09:30 in Cayenne (12:30 UTC) comes before 17:30 in Paris (15:30 UTC).
      ['LAB-2027-002 session.logistics', 'LAB-2027-001 session.hot'],
    );
  });

  it('prints them in the table with plain spaces, in time order with a programme’s sends', async () => {
    const { code, out } = await runWith([
      '--programme',
      EXAMPLE,
      '--sessions',
      '--from',
      '2027-03-01',
      '--to',
      '2027-03-11',
    ]);
    assert.equal(code, 0);
    const lines = out.trim().split('\n');
    assert.match(
      lines[0]!,
      /^Heure locale\s+Fuseau\s+Envoi\s+Équipe ou session\s+Destinataire\s+UTC$/,
    );
    // The programme's point mensuel of 1 March first, the session's J-28 of 11 March after it.
    const checkin = lines.findIndex((line) => /^2027-03-01 09:30 .*point mensuel/.test(line));
    const scenario = lines.findIndex((line) => line.includes('LAB-2027-001'));
    assert.ok(checkin > 0 && scenario > checkin, out);
    assert.match(
      lines[scenario]!,
      /^2027-03-11 09:30 {2}Europe\/Paris\s+rappel J-28 : scénario et cahier de consignes\s+LAB-2027-001 · Accueil des nouveaux allocataires\s+les deux facilitateurs\s+2027-03-11 08:30$/,
    );
    assert.doesNotMatch(lines[scenario]!, /[\u00a0\u202f]/);
    assert.match(out, /envoi\(s\) prévu\(s\) du 2027-03-01 au 2027-03-11 ; rien n'a été envoyé\./);
    assert.match(out, /partent à 09:30 dans le fuseau de chaque facilitateur/);
  });

  it('says who gets a debrief, with plain spaces', async () => {
    const { out } = await runWith(['--sessions', '--from', '2027-04-08', '--to', '2027-04-08']);
    assert.match(
      out,
      /2027-04-08 17:30 {2}Europe\/Paris\s+débriefing à chaud\s+LAB-2027-001 · Accueil des nouveaux allocataires\s+le demandeur, les facilitateurs et les participants internes/,
    );
    assert.doesNotMatch(out, /[\u00a0\u202f]/);
  });

  it('says so in English, and refuses --sessions without a database', async () => {
    const { out } = await runWith(
      ['--sessions', '--from', '2027-05-20', '--to', '2027-05-20'],
      'en_GB.UTF-8',
    );
    assert.match(out, /^Local time\s+Time zone\s+Send\s+Team or session\s+Recipient\s+UTC$/m);
    assert.match(
      out,
      /cold debrief\s+LAB-2027-001 · Accueil des nouveaux allocataires\s+the requester and the sponsor/,
    );

    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const code = await runSchedulePreviewCommand(
      ['--sessions', '--from', '2027-05-20', '--to', '2027-05-20'],
      { stdout, stderr, locale: 'fr_FR.UTF-8' },
    );
    assert.equal(code, 1);
    assert.match(String(stderr.read()), /--sessions : ouverture de la base de données impossible/);
  });

  it('still needs a programme or --sessions, and tells the option in its usage', async () => {
    const { code, err } = await runWith(['--from', '2027-04-01', '--to', '2027-04-30']);
    assert.equal(code, 64);
    assert.match(err, /labbot schedule preview --sessions --from AAAA-MM-JJ/);
    assert.doesNotMatch(err, /[\u00a0\u202f]/);
  });

  it('is wired into "labbot schedule preview" with the configured database', async () => {
    const saved = process.env.SQLITE_PATH;
    const savedUrl = process.env.DATABASE_URL;
    process.env.SQLITE_PATH = env.SQLITE_PATH;
    delete process.env.DATABASE_URL;
    try {
      const stdout = new PassThrough();
      const stderr = new PassThrough();
      const code = await runLabbot(
        [
          'schedule',
          'preview',
          '--sessions',
          '--from',
          '2027-04-08',
          '--to',
          '2027-04-08',
          '--json',
        ],
        { stdout, stderr, locale: 'fr_FR.UTF-8' },
      );
      assert.equal(code, 0, String(stderr.read() ?? ''));
      const lines = JSON.parse(String(stdout.read())) as SessionPreviewLine[];
      assert.deepEqual(
        lines.map((line) => `${line.session} ${line.kind}`),
        ['LAB-2027-002 session.logistics', 'LAB-2027-001 session.hot'],
      );
    } finally {
      if (saved === undefined) delete process.env.SQLITE_PATH;
      else process.env.SQLITE_PATH = saved;
      if (savedUrl !== undefined) process.env.DATABASE_URL = savedUrl;
    }
  });
});
