import assert from 'node:assert/strict';
import type { DatabaseHandle } from '../../src/adapters/sql/open-database';
import { SqlProgrammeTeamStore } from '../../src/adapters/sql/sql-programme-team-store';
import type { ProgrammeTeam, TeamPerson } from '../../src/core/programmes/programme-team';
import { testDatabases } from './test-databases';

const person = (aadId: string, organisationId: string): TeamPerson => ({
  aadId,
  name: `Personne ${aadId}`,
  organisationId,
});

function team(
  number: number,
  lead: string,
  others: string[],
  facilitators: string[],
): ProgrammeTeam {
  return {
    id: `team-${number}`,
    programmeId: 'defi-du-lab-2026',
    number,
    name: `Équipe ${number}`,
    leadAadId: lead,
    members: [lead, ...others].map((id, i) => person(id, `org-${i}`)),
    facilitators: facilitators.map((id) => person(id, 'lab')),
  };
}

for (const target of testDatabases()) {
  describe(`programme team store (${target.name})`, () => {
    let database: DatabaseHandle | undefined;
    let store: SqlProgrammeTeamStore;

    beforeEach(async () => {
      database = await target.open();
      store = new SqlProgrammeTeamStore(database.db);
    });

    afterEach(async () => {
      await database?.close();
      database = undefined;
    });

    it('lists a programme’s teams by number, as saved', async () => {
      const teams = [
        team(2, 'b1', ['b2'], ['f1', 'f2']),
        team(1, 'a1', ['a2', 'a3'], ['f2', 'f3']),
      ];
      await store.replaceAll('defi-du-lab-2026', teams);
      assert.deepEqual(await store.listByProgramme('defi-du-lab-2026'), [teams[1], teams[0]]);
      assert.deepEqual(await store.listByProgramme('other'), []);
    });

    it('replaces the whole formation when confirmed again', async () => {
      await store.replaceAll('defi-du-lab-2026', [
        team(1, 'a1', [], ['f1', 'f2']),
        team(2, 'b1', [], ['f1', 'f2']),
      ]);
      await store.replaceAll('defi-du-lab-2026', [team(1, 'c1', [], ['f3', 'f4'])]);
      const teams = await store.listByProgramme('defi-du-lab-2026');
      assert.deepEqual(
        teams.map((t) => t.leadAadId),
        ['c1'],
      );
      assert.deepEqual(await store.listForPerson('b1'), []);
    });

    it('finds the teams of a person whatever their role', async () => {
      await store.replaceAll('defi-du-lab-2026', [
        team(1, 'a1', ['a2'], ['f1', 'f2']),
        team(2, 'b1', ['b2'], ['f2', 'f3']),
      ]);
      assert.deepEqual(
        (await store.listForPerson('a2')).map((t) => t.id),
        ['team-1'],
      );
      assert.deepEqual(
        (await store.listForPerson('f2')).map((t) => t.id),
        ['team-1', 'team-2'],
      );
      assert.deepEqual(
        (await store.listForPerson('b1')).map((t) => t.id),
        ['team-2'],
      );
    });

    it('updates one team, e.g. with its channel', async () => {
      await store.replaceAll('defi-du-lab-2026', [team(1, 'a1', ['a2'], ['f1', 'f2'])]);
      const updated: ProgrammeTeam = {
        ...team(1, 'a1', ['a2'], ['f1', 'f2']),
        workspace: { kind: 'channel', conversationId: '19:abc@thread.tacv2' },
      };
      await store.save(updated);
      assert.deepEqual(await store.get('defi-du-lab-2026', 'team-1'), updated);
      assert.equal((await store.listForPerson('a2')).length, 1);
    });
  });
}
