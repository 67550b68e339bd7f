import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import * as programmePeopleMigration from '../../src/adapters/sql/migrations/0017_programme_people';
import type { DatabaseHandle } from '../../src/adapters/sql/open-database';
import { SqlProgrammeRoles } from '../../src/adapters/sql/sql-programme-roles';
import { SqlProgrammeStore } from '../../src/adapters/sql/sql-programme-store';
import { SqlProgrammeTeamStore } from '../../src/adapters/sql/sql-programme-team-store';
import { listProgrammeRoles } from '../../src/core/people/resolve-roles';
import { DEFAULT_FOLLOW_UP } from '../../src/core/programmes/follow-up-settings';
import type { Programme } from '../../src/core/programmes/programme';
import type { ProgrammeTeam } from '../../src/core/programmes/programme-team';
import { DEMO_PROGRAMME } from '../../src/demo/seed-demo-programme';
import { testDatabases } from './test-databases';

const COMMITTEE = 'AAAA0001-0000-4000-8000-00000000000C';
const LAB = 'aaaa0002-0000-4000-8000-00000000000b';
const LEAD = 'aaaa0003-0000-4000-8000-000000000001';
const MEMBER = 'aaaa0004-0000-4000-8000-000000000002';
const FACILITATOR = 'aaaa0005-0000-4000-8000-000000000003';
const STRANGER = 'aaaa0006-0000-4000-8000-000000000004';

function programme(id: string, committee: string[], labTeam: string[]): Programme {
  return {
    ...DEMO_PROGRAMME,
    id,
    committee: committee.map((aadId) => ({ aadId, name: `Membre ${aadId}`, organisationId: 'o' })),
    followUp: {
      ...DEFAULT_FOLLOW_UP,
      labTeam: labTeam.map((aadId) => ({ aadId, name: `Lab ${aadId}` })),
    },
  };
}

const team: ProgrammeTeam = {
  id: 'team-1',
  programmeId: 'edition-a',
  number: 1,
  name: 'Les Petits Pas',
  leadAadId: LEAD,
  members: [LEAD, MEMBER].map((aadId) => ({ aadId, name: aadId, organisationId: 'o' })),
  facilitators: [{ aadId: FACILITATOR, name: 'F', organisationId: 'lab' }],
};

/** Everyone the tests ask about, in the case stored and in another case. */
const PEOPLE = [COMMITTEE, LAB, LEAD, MEMBER, FACILITATOR, STRANGER].flatMap((id) => [
  id,
  id.toLowerCase() === id ? id.toUpperCase() : id.toLowerCase(),
]);

for (const target of testDatabases()) {
  describe(`programme roles in one read (${target.name})`, () => {
    let database: DatabaseHandle | undefined;
    let programmes: SqlProgrammeStore;
    let teams: SqlProgrammeTeamStore;
    let roles: SqlProgrammeRoles;

    beforeEach(async () => {
      database = await target.open();
      programmes = new SqlProgrammeStore(database.db);
      teams = new SqlProgrammeTeamStore(database.db);
      roles = new SqlProgrammeRoles(database.db);
      await programmes.save(programme('edition-a', [COMMITTEE, MEMBER], [LAB]));
      await programmes.save(programme('edition-b', [COMMITTEE], []));
      await teams.replaceAll('edition-a', [team]);
    });

    afterEach(async () => {
      await database?.close();
      database = undefined;
    });

    async function assertSameAsReadingEverything(): Promise<void> {
      for (const aadId of PEOPLE) {
        assert.deepEqual(
          (await roles.rolesOf(aadId)).sort(),
          (await listProgrammeRoles({ programmes, teams }, aadId)).sort(),
          aadId,
        );
      }
    }

    it('gives the roles that reading every programme and team gives, whatever the case', async () => {
      await assertSameAsReadingEverything();
      assert.deepEqual((await roles.rolesOf(COMMITTEE.toLowerCase())).sort(), ['committee']);
      assert.deepEqual((await roles.rolesOf(MEMBER)).sort(), ['committee', 'participant']);
      assert.deepEqual((await roles.rolesOf(LEAD)).sort(), ['lead', 'participant']);
      assert.deepEqual(await roles.rolesOf(STRANGER), []);
    });

    it('follows a programme saved again: a role taken away is gone', async () => {
      await programmes.save(programme('edition-a', [MEMBER], []));
      await programmes.save(programme('edition-b', [], []));
      await assertSameAsReadingEverything();
      assert.deepEqual(await roles.rolesOf(COMMITTEE), []);
      assert.deepEqual(await roles.rolesOf(LAB), []);
    });

    it('is filled from the programmes already stored when the migration runs', async () => {
      const db = database!.db as unknown as Kysely<unknown>;
      await programmePeopleMigration.down(db);
      await programmePeopleMigration.up(db);
      await assertSameAsReadingEverything();
      assert.deepEqual((await roles.rolesOf(LAB)).sort(), ['programmeLab']);
    });
  });
}
