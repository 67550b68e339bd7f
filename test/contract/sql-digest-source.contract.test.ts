import assert from 'node:assert/strict';
import type { DatabaseHandle } from '../../src/adapters/sql/open-database';
import { SqlCandidacyStore } from '../../src/adapters/sql/sql-candidacy-store';
import { SqlDigestSource } from '../../src/adapters/sql/sql-digest-source';
import { SqlScoreStore } from '../../src/adapters/sql/sql-score-store';
import {
  aDigestCandidacy,
  DIGEST_CANDIDACIES,
  DIGEST_SCORED,
  statusCounts,
} from '../support/digest-fixtures';
import { testDatabases } from './test-databases';

const at = new Date('2026-03-26T10:00:00.000Z');

async function seedCandidacies(database: DatabaseHandle): Promise<void> {
  const candidacies = new SqlCandidacyStore(database.db);
  await candidacies.transact('defi-digest', () => ({ save: [...DIGEST_CANDIDACIES], result: 0 }));
  // Another programme's candidacies must never be counted: a team of six, accepted.
  await candidacies.transact('defi-other', () => ({
    save: [
      aDigestCandidacy(50, 'cnav', 'accepted', {
        id: 'other-1',
        programmeId: 'defi-other',
        seatCount: 6,
        submittedAt: at,
      }),
    ],
    result: 0,
  }));
  for (const [programmeId, n] of [
    ['defi-digest', 101],
    ['defi-digest', 102],
    ['defi-other', 103],
  ] as const) {
    await candidacies.saveDraft({
      programmeId,
      applicant: { aadId: `draft-${n}`, name: `D ${n}` },
      fields: {},
      updatedAt: at,
    });
  }
  const scores = new SqlScoreStore(database.db);
  for (const { candidacyId, memberAadId } of DIGEST_SCORED) {
    await scores.save(
      {
        programmeId: 'defi-digest',
        candidacyId,
        memberAadId,
        values: { impact: 4 },
        comment: '',
        scoredAt: at,
      },
      {
        at,
        actor: memberAadId,
        action: 'candidacy.score',
        programmeId: 'defi-digest',
        subjectId: candidacyId,
        details: {},
      },
    );
  }
}

for (const target of testDatabases()) {
  describe(`SQL digest source (${target.name})`, () => {
    let database: DatabaseHandle | undefined;
    let source: SqlDigestSource;

    beforeEach(async () => {
      database = await target.open();
      source = new SqlDigestSource(database.db);
    });

    afterEach(async () => {
      await database?.close();
      database = undefined;
    });

    it('counts nothing for a programme without candidacies', async () => {
      assert.deepEqual(await source.countCall('defi-digest', at), {
        candidacies: 0,
        people: 0,
        newSince: 0,
        withdrawn: 0,
        byOrganisation: [],
        drafts: 0,
      });
      assert.deepEqual(await source.countSelection('defi-digest', '2026-04-24'), {
        byStatus: statusCounts({}),
        scored: 0,
        seatsByOrganisation: [],
        confirmationsOverdue: 0,
        nextConfirmBy: null,
      });
    });

    it('counts the call’s candidacies, this week’s, the withdrawn and the drafts', async () => {
      await seedCandidacies(database!);
      assert.deepEqual(
        await source.countCall('defi-digest', new Date('2026-03-23T07:00:00.000Z')),
        {
          candidacies: 11,
          people: 11,
          newSince: 2,
          withdrawn: 2,
          byOrganisation: [
            { organisationId: 'caf-guyane', candidacies: 2 },
            { organisationId: 'caf-paris', candidacies: 4 },
            { organisationId: 'cpam-sarthe', candidacies: 5 },
          ],
          drafts: 2,
        },
      );
    });

    it('counts decisions, scored candidacies, seats by organisation and confirmations', async () => {
      await seedCandidacies(database!);
      assert.deepEqual(await source.countSelection('defi-digest', '2026-04-24'), {
        byStatus: statusCounts({
          submitted: 4,
          waitlisted: 1,
          accepted: 2,
          confirmed: 2,
          declined: 1,
          withdrawn: 2,
          lapsed: 1,
        }),
        scored: 3,
        seatsByOrganisation: [
          { organisationId: 'caf-paris', people: 1 },
          { organisationId: 'cpam-sarthe', people: 3 },
        ],
        confirmationsOverdue: 1,
        nextConfirmBy: '2026-04-28',
      });
    });

    it('counts the people a team brings', async () => {
      await seedCandidacies(database!);
      const figures = await source.countSelection('defi-other', '2026-04-24');
      assert.deepEqual(figures.byStatus.accepted, { candidacies: 1, people: 6 });
      assert.deepEqual(figures.seatsByOrganisation, [{ organisationId: 'cnav', people: 6 }]);
      assert.equal((await source.countCall('defi-other', at)).people, 6);
    });
  });
}
