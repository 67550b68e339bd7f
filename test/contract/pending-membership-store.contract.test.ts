import assert from 'node:assert/strict';
import type { DatabaseHandle } from '../../src/adapters/sql/open-database';
import { SqlPendingMembershipStore } from '../../src/adapters/sql/sql-pending-membership-store';
import { SqlPersonalDataStore } from '../../src/adapters/sql/sql-personal-data-store';
import type { Pseudonym } from '../../src/core/ports/personal-data-store';
import { testDatabases } from './test-databases';

const GROUP = 'd4c2b1a0-9e8f-4d7c-6b5a-493827161504';
const OTHER_GROUP = 'a1b2c3d4-0000-4000-8000-000000000002';
const AT = new Date('2026-09-07T08:00:00.000Z');
const LATER = new Date('2026-09-07T09:00:00.000Z');
const person = (n: number) => ({
  aadId: `0000000${n}-AAAA-4000-8000-00000000000${n}`,
  name: `Personne ${n}`,
  organisationId: 'cnav',
});
const PSEUDONYM: Pseudonym = {
  aadId: 'pseudonym-7f3a0000aaaa1111',
  name: 'Personne 7f3a',
  email: 'personne-7f3a@pseudonyme.invalid',
};

for (const target of testDatabases()) {
  describe(`people waiting to join their programme's Teams team (${target.name})`, () => {
    let database: DatabaseHandle | undefined;
    let store: SqlPendingMembershipStore;

    beforeEach(async () => {
      database = await target.open();
      store = new SqlPendingMembershipStore(database.db);
    });

    afterEach(async () => {
      await database?.close();
      database = undefined;
    });

    it('keeps who waits, forgets who is settled, once each whatever the case of their id', async () => {
      const team = { programmeId: 'defi', teamGroupId: GROUP };
      await store.record(
        team,
        [1, 2, 3].map((n) => person(n).aadId),
        [person(2), person(3)],
        AT,
      );
      await store.record(
        { programmeId: 'autre', teamGroupId: OTHER_GROUP },
        [person(1).aadId],
        [person(1)],
        LATER,
      );
      // Tried again an hour later: person 2 is in, person 3 still waits (its first wait kept).
      await store.record(
        team,
        [person(2).aadId.toUpperCase(), person(3).aadId],
        [person(3)],
        LATER,
      );
      assert.equal(await store.count(), 2);
      assert.deepEqual(await store.list(), [
        {
          programmeId: 'defi',
          teamGroupId: GROUP,
          people: [{ ...person(3), aadId: person(3).aadId.toLowerCase() }],
        },
        {
          programmeId: 'autre',
          teamGroupId: OTHER_GROUP,
          people: [{ ...person(1), aadId: person(1).aadId.toLowerCase() }],
        },
      ]);
      const [row] = await database!.db
        .selectFrom('team_membership_pending')
        .select('since')
        .where('aad_id', '=', person(3).aadId.toLowerCase())
        .execute();
      assert.equal(row?.since, AT.toISOString());
    });

    it('is in "my data", goes with an erasure, and with the programme after its retention', async () => {
      await store.record(
        { programmeId: 'defi', teamGroupId: GROUP },
        [],
        [person(1), person(2)],
        AT,
      );
      await store.record({ programmeId: 'autre', teamGroupId: OTHER_GROUP }, [], [person(2)], AT);
      const personal = new SqlPersonalDataStore(database!.db);
      const one = { aadId: person(1).aadId, email: null, name: person(1).name };
      const mine = (await personal.collect(one)).teams.team_membership_pending ?? [];
      assert.deepEqual(
        mine.map((r) => [r.team_group_id, r.name]),
        [[GROUP, 'Personne 1']],
      );

      await personal.erase(one, PSEUDONYM, {
        at: AT,
        actor: 'admin',
        action: 'personalData.erasure',
        programmeId: '',
        subjectId: PSEUDONYM.aadId,
        details: {},
      });
      const left = await store.list();
      assert.ok(!JSON.stringify(left).includes('Personne 1'));
      assert.ok(!JSON.stringify(left).includes(PSEUDONYM.aadId), 'nobody waits as a pseudonym');
      assert.equal(await store.count(), 2);

      await personal.purgeProgramme(
        'defi',
        { drafts: false, unselected: false, participants: true },
        () => PSEUDONYM,
      );
      assert.deepEqual(
        (await store.list()).map((t) => t.programmeId),
        ['autre'],
      );
    });
  });
}
