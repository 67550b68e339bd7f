import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runProgrammeCommand } from '../../../src/cli/programme-command';
import type { ProgrammeStore } from '../../../src/core/ports/programme-store';
import type { Programme } from '../../../src/core/programmes/programme';
import type { ProgrammeTeam } from '../../../src/core/programmes/programme-team';

const EXAMPLE = join(__dirname, '../../../examples/defi-du-lab-2022.yml');

class InMemoryProgrammeStore implements ProgrammeStore {
  readonly saved = new Map<string, Programme>();
  save(programme: Programme): Promise<void> {
    this.saved.set(programme.id, programme);
    return Promise.resolve();
  }
  get(id: string): Promise<Programme | undefined> {
    return Promise.resolve(this.saved.get(id));
  }
  list(): Promise<Programme[]> {
    return Promise.resolve([...this.saved.values()]);
  }
}

async function run(argv: string[], locale = 'fr_FR.UTF-8') {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const store = new InMemoryProgrammeStore();
  const teams = new Map<string, ProgrammeTeam[]>();
  let closed = false;
  const code = await runProgrammeCommand(argv, {
    stdout,
    stderr,
    locale,
    openStore: () =>
      Promise.resolve({
        store,
        teams: {
          replaceAll: (id: string, list: readonly ProgrammeTeam[]) => {
            teams.set(id, [...list]);
            return Promise.resolve();
          },
          save: () => Promise.resolve(),
          get: () => Promise.resolve(undefined),
          listByProgramme: (id: string) => Promise.resolve(teams.get(id) ?? []),
          listForPerson: () => Promise.resolve([]),
        },
        close: () => {
          closed = true;
          return Promise.resolve();
        },
      }),
  });
  stdout.end();
  stderr.end();
  return {
    code,
    out: String(stdout.read() ?? ''),
    err: String(stderr.read() ?? ''),
    store,
    teams,
    closed,
  };
}

function brokenCopy(edit: (text: string) => string): string {
  const directory = mkdtempSync(join(tmpdir(), 'labbot-programme-'));
  const path = join(directory, 'broken.yml');
  writeFileSync(path, edit(readFileSync(EXAMPLE, 'utf8')));
  return path;
}

describe('labbot programme', () => {
  it('validates the 2022 example and exits 0', async () => {
    const { code, out } = await run(['validate', EXAMPLE]);
    assert.equal(code, 0);
    assert.match(
      out,
      /Fichier valide : Défi du Lab 2022 \(defi-du-lab-2022\), 39 places, 10 organismes/,
    );
  });

  it('names the line and field of each error in a broken copy and exits 1', async () => {
    const path = brokenCopy((text) =>
      text.replace('kickOff: 2022-05-13', 'kickOff: 2022-04-13').replace('seats: 39', 'seats: -2'),
    );
    const { code, err } = await run(['validate', path]);
    assert.equal(code, 1);
    const lines = err.trim().split('\n');
    assert.equal(lines[0], `${path}:17: capacity.seats\u00a0: doit valoir au moins 0`);
    assert.equal(
      lines[1],
      `${path}:48: milestones.kickOff\u00a0: doit tomber le 2022-04-22 ou après (date de selectionCommittee)`,
    );
    assert.equal(lines[2], "2 erreur(s)\u202f; rien n'a été importé.");
  });

  it('speaks English when the locale is English', async () => {
    const path = brokenCopy((text) => text.replace('  - cnav\n', '  - cnam-paris\n'));
    const { code, err } = await run(['validate', path], 'en_GB.UTF-8');
    assert.equal(code, 1);
    assert.match(err, /:27: organisations\[4\]: unknown organisation "cnam-paris"/);
  });

  it('points a YAML syntax error at its line', async () => {
    const path = brokenCopy((text) => text.replace('  seats: 39', '  seats: [39'));
    const { code, err } = await run(['validate', path]);
    assert.equal(code, 1);
    assert.match(err, /broken\.yml:\d+: YAML illisible/);
  });

  it('imports a valid file and nothing from an invalid one', async () => {
    const ok = await run(['import', EXAMPLE]);
    assert.equal(ok.code, 0);
    assert.equal(ok.store.saved.get('defi-du-lab-2022')?.seats, 39);
    assert.ok(ok.closed, 'the database is released');
    const broken = await run([
      'import',
      brokenCopy((text) => text.replace('seats: 39', 'seats: -1')),
    ]);
    assert.equal(broken.code, 1);
    assert.equal(broken.store.saved.size, 0);
  });

  it('imports a meetings block and says the bot puts the meetings on calendars within the hour', async () => {
    const withMeetings = brokenCopy(
      (text) => `${text}\nmeetings:\n  monthlyExchange:\n    teamTimes: { team-1: '11:00' }\n`,
    );
    const ok = await run(['import', withMeetings]);
    assert.equal(ok.code, 0, ok.err);
    const meetings = ok.store.saved.get('defi-du-lab-2022')?.meetings;
    assert.equal(meetings?.monthlyExchange?.teamTimes['team-1'], '11:00');
    assert.match(ok.out, /Réunions : le bot met les agendas à jour dans l’heure/);
    assert.doesNotMatch((await run(['import', EXAMPLE])).out, /Réunions/);
  });

  it('says which file it cannot read', async () => {
    const { code, err } = await run(['validate', '/nonexistent/programme.yml']);
    assert.equal(code, 1);
    assert.match(err, /\/nonexistent\/programme\.yml : lecture impossible \(not found\)/);
  });

  it('prints the usage on a bad command line', async () => {
    const { code, err } = await run(['valider']);
    assert.equal(code, 64);
    assert.match(err, /labbot programme validate FILE/);
  });

  it('imports the teams a programme file lists with the programme', async () => {
    const file = join(__dirname, '../../../examples/defi-du-lab-2026.yml');
    const { code, teams } = await run(['import', file]);
    assert.equal(code, 0);
    const imported = [...teams.values()][0] ?? [];
    assert.ok(imported.length > 0);
    assert.ok(imported.every((team) => team.members.some((m) => m.aadId === team.leadAadId)));
  });
});
