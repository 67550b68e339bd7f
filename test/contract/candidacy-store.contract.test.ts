import assert from 'node:assert/strict';
import type { DatabaseHandle } from '../../src/adapters/sql/open-database';
import { SqlAuditLog } from '../../src/adapters/sql/sql-audit-log';
import { SqlCandidacyStore } from '../../src/adapters/sql/sql-candidacy-store';
import { SqlExportTokenStore } from '../../src/adapters/sql/sql-export-token-store';
import { SqlPeopleDirectory } from '../../src/adapters/sql/sql-people-directory';
import { SqlScoreStore } from '../../src/adapters/sql/sql-score-store';
import type { Candidacy } from '../../src/core/candidacies/candidacy';
import { submitCandidacy } from '../../src/core/candidacies/submit-candidacy';
import { withdrawCandidacy } from '../../src/core/selection/withdraw-candidacy';
import { decideCandidacy } from '../../src/core/selection/decide-candidacy';
import { redeemExportLink } from '../../src/core/selection/redeem-export-link';
import { createExportLink } from '../../src/core/selection/create-export-link';
import {
  createCandidacyTestKit,
  LAB_ADMIN_ID,
  type CandidacyTestKit,
} from '../support/candidacy-fakes';
import {
  applicant,
  createTestProgramme,
  individualFields,
  person,
} from '../support/candidacy-programme';
import { testDatabases } from './test-databases';

const programme = createTestProgramme();
const admin = person(LAB_ADMIN_ID, 'lab');

function candidacy(n: number, overrides: Partial<Candidacy> = {}): Candidacy {
  return {
    id: `cand-${n}`,
    programmeId: programme.id,
    mode: 'individual',
    applicant: applicant(n),
    organisationId: 'caf-guyane',
    status: 'submitted',
    answers: {
      mode: 'individual',
      jobRole: 'management',
      region: 'Guyane',
      managerEmail: 'manager@caf.fr',
      motivation: 'Motivation accentuée : « éthique » 🙂',
      themeWishes: ['qvt', 'deconnexion'],
      availableForKickOff: true,
      availableForHackathon: false,
    },
    seatCount: 1,
    endorsement: null,
    consentAt: new Date('2026-03-10T08:00:00.000Z'),
    submittedAt: new Date(`2026-03-10T08:00:${String(n).padStart(2, '0')}.000Z`),
    updatedAt: new Date('2026-03-10T08:00:00.000Z'),
    decidedAt: null,
    decidedBy: null,
    waitlistedAt: null,
    confirmBy: null,
    confirmedAt: null,
    ...overrides,
  };
}

for (const target of testDatabases()) {
  describe(`candidacy stores (${target.name})`, () => {
    let database: DatabaseHandle | undefined;
    let store: SqlCandidacyStore;
    let kit: CandidacyTestKit;

    beforeEach(async () => {
      database = await target.open();
      store = new SqlCandidacyStore(database.db);
      kit = createCandidacyTestKit();
      kit.deps = {
        ...kit.deps,
        candidacies: store,
        scores: new SqlScoreStore(database.db),
        audit: new SqlAuditLog(database.db),
        exportTokens: new SqlExportTokenStore(database.db),
      };
    });

    afterEach(async () => {
      await database?.close();
      database = undefined;
    });

    it('reads back a saved candidacy unchanged, endorsement and accents included', async () => {
      const endorsed = candidacy(1, {
        endorsement: {
          managerEmail: 'manager@caf.fr',
          managerAadId: 'manager-aad',
          status: 'endorsed',
          comment: 'Très bien',
          requestedAt: new Date('2026-03-10T08:00:00.000Z'),
          answeredAt: new Date('2026-03-11T08:00:00.000Z'),
          answeredBy: 'manager-aad',
        },
        confirmBy: '2026-05-01',
      });
      await store.transact(programme.id, () => ({ save: [endorsed], result: undefined }));
      assert.deepEqual(await store.get('cand-1'), endorsed);
      assert.deepEqual(await store.findByApplicant(programme.id, applicant(1).aadId), endorsed);
      assert.equal(await store.get('absent'), undefined);
      // Saving it again without the endorsement removes the endorsement.
      await store.transact(programme.id, () => ({
        save: [{ ...endorsed, endorsement: null }],
        result: undefined,
      }));
      assert.equal((await store.get('cand-1'))?.endorsement, null);
    });

    it('keeps team answers and the seat count', async () => {
      const team = candidacy(2, {
        mode: 'team',
        seatCount: 6,
        answers: {
          mode: 'team',
          teamName: 'Les Sarthois',
          members: [
            { kind: 'user', aadId: applicant(3).aadId },
            { kind: 'email', email: 'a@cpam.fr' },
          ],
          projectIdea: 'Idée',
          sponsor: 'Direction',
          availableForKickOff: true,
          availableForHackathon: true,
        },
      });
      await store.transact(programme.id, () => ({ save: [team], result: undefined }));
      assert.deepEqual(await store.get('cand-2'), team);
    });

    it('gives a transaction step every candidacy of its programme, in submission order', async () => {
      await store.transact(programme.id, () => ({
        save: [candidacy(3), candidacy(1), candidacy(2)],
        result: undefined,
      }));
      await store.transact('other', () => ({
        save: [candidacy(9, { programmeId: 'other' })],
        result: undefined,
      }));
      const seen = await store.transact(programme.id, (all) => ({ result: all.map((c) => c.id) }));
      assert.deepEqual(seen, ['cand-1', 'cand-2', 'cand-3']);
      assert.deepEqual(
        (await store.list(programme.id)).map((c) => c.id),
        ['cand-1', 'cand-2', 'cand-3'],
      );
    });

    it('gives a step with a scope only the applicant’s candidacy and their organisation’s', async () => {
      await store.transact(programme.id, () => ({
        save: [
          candidacy(4, { organisationId: 'cnav' }),
          candidacy(3),
          candidacy(2, { organisationId: 'cnav' }),
          candidacy(1, { organisationId: 'cpam-sarthe' }),
        ],
        result: undefined,
      }));
      const own = await store.transact(programme.id, (all) => ({ result: all.map((c) => c.id) }), {
        applicantAadId: applicant(1).aadId,
      });
      assert.deepEqual(own, ['cand-1']);
      const withOrganisation = await store.transact(
        programme.id,
        (all) => ({ result: all.map((c) => c.id) }),
        { applicantAadId: applicant(1).aadId, organisationId: 'cnav' },
      );
      assert.deepEqual(withOrganisation, ['cand-1', 'cand-2', 'cand-4']);
      const nobody = await store.transact(programme.id, (all) => ({ result: all.length }), {
        applicantAadId: 'someone-else',
      });
      assert.equal(nobody, 0);
    });

    it('writes nothing when a step throws', async () => {
      await assert.rejects(
        store.transact(programme.id, () => {
          throw new Error('boom');
        }),
      );
      await assert.rejects(
        store.transact(programme.id, () => ({
          save: [candidacy(1), candidacy(1, { id: 'cand-dup' })],
          result: undefined,
        })),
        'a second candidacy for the same applicant breaks the unique constraint',
      );
      assert.deepEqual(await store.list(programme.id), []);
    });

    it('pages and filters by status and organisations, excluding some', async () => {
      await store.transact(programme.id, () => ({
        save: [
          candidacy(1),
          candidacy(2, { organisationId: 'cnav' }),
          candidacy(3, { status: 'accepted' }),
          candidacy(4, { organisationId: 'cpam-sarthe' }),
          candidacy(5),
        ],
        result: undefined,
      }));
      const first = await store.page(programme.id, {}, 0, 2);
      assert.deepEqual([first.items.map((c) => c.id), first.total], [['cand-1', 'cand-2'], 5]);
      const third = await store.page(programme.id, {}, 4, 2);
      assert.deepEqual(
        third.items.map((c) => c.id),
        ['cand-5'],
      );
      const submittedCaf = await store.page(
        programme.id,
        { statuses: ['submitted'], organisationIds: ['caf-guyane'] },
        0,
        10,
      );
      assert.deepEqual(
        submittedCaf.items.map((c) => c.id),
        ['cand-1', 'cand-5'],
      );
      const notCaf = await store.page(
        programme.id,
        { excludeOrganisationIds: ['caf-guyane'] },
        0,
        10,
      );
      assert.deepEqual([notCaf.items.map((c) => c.id), notCaf.total], [['cand-2', 'cand-4'], 2]);
      assert.deepEqual(await store.page(programme.id, { organisationIds: [] }, 0, 10), {
        items: [],
        total: 0,
      });
    });

    it('finds pending endorsements by the manager’s email, whatever its case', async () => {
      const pending = (n: number, status: 'pending' | 'endorsed') =>
        candidacy(n, {
          endorsement: {
            managerEmail: 'chef@caf.fr',
            managerAadId: null,
            status,
            comment: '',
            requestedAt: new Date('2026-03-10T08:00:00.000Z'),
            answeredAt: null,
            answeredBy: null,
          },
        });
      await store.transact(programme.id, () => ({
        save: [pending(1, 'pending'), pending(2, 'endorsed'), candidacy(3)],
        result: undefined,
      }));
      assert.deepEqual(
        (await store.listPendingEndorsements('Chef@Caf.fr')).map((c) => c.id),
        ['cand-1'],
      );
    });

    it('keeps drafts per applicant and deletes the draft a submission replaces', async () => {
      const draft = {
        programmeId: programme.id,
        applicant: applicant(1),
        fields: { motivation: 'brouillon « 1 »' },
        updatedAt: new Date('2026-03-10T08:00:00.000Z'),
      };
      await store.saveDraft(draft);
      await store.saveDraft({ ...draft, fields: { motivation: 'brouillon 2' } });
      assert.deepEqual(await store.getDraft(programme.id, applicant(1).aadId), {
        ...draft,
        fields: { motivation: 'brouillon 2' },
      });
      assert.equal((await store.listDrafts(programme.id)).length, 1);
      await store.transact(programme.id, () => ({
        save: [candidacy(1)],
        deleteDraftOf: applicant(1).aadId,
        result: undefined,
      }));
      assert.equal(await store.getDraft(programme.id, applicant(1).aadId), undefined);
    });

    it('records decisions and audit entries in order, with the candidacy', async () => {
      const ids: string[] = [];
      for (const n of [1, 2]) {
        const outcome = await submitCandidacy(kit.deps, {
          programme,
          applicant: applicant(n),
          fields: individualFields(),
        });
        assert.ok(outcome.ok);
        ids.push(outcome.value.id);
      }
      await decideCandidacy(kit.deps, {
        programme,
        actor: admin,
        candidacyId: ids[0]!,
        decision: 'waitlist',
      });
      await decideCandidacy(kit.deps, {
        programme,
        actor: admin,
        candidacyId: ids[0]!,
        decision: 'accept',
      });
      const decisions = await store.listDecisions(ids[0]!);
      assert.deepEqual(
        decisions.map((d) => [d.kind, d.status, d.decidedBy]),
        [
          ['waitlist', 'waitlisted', LAB_ADMIN_ID],
          ['accept', 'accepted', LAB_ADMIN_ID],
        ],
      );
      const audit = await kit.deps.audit.list(programme.id);
      assert.deepEqual(
        audit.map((e) => [e.action, e.details.to]),
        [
          ['candidacy.decision', 'waitlisted'],
          ['candidacy.decision', 'accepted'],
        ],
      );
    });

    it('never lets admins deciding at once overfill the seats', async () => {
      const ids: string[] = [];
      const organisations = [
        'caf-guyane',
        'cpam-sarthe',
        'cnav',
        'cnav',
        'cpam-sarthe',
        'caf-guyane',
      ];
      for (const [index, organisationId] of organisations.entries()) {
        const outcome = await submitCandidacy(kit.deps, {
          programme,
          applicant: applicant(index + 1),
          fields: individualFields({ organisationId }),
        });
        assert.ok(outcome.ok);
        ids.push(outcome.value.id);
      }
      const outcomes = await Promise.all(
        ids.map((candidacyId) =>
          decideCandidacy(kit.deps, { programme, actor: admin, candidacyId, decision: 'accept' }),
        ),
      );
      assert.equal(outcomes.filter((o) => o.ok).length, programme.seats);
      const refused = outcomes.flatMap((o) => (o.ok ? [] : [o.refusal.code]));
      assert.ok(refused.every((code) => code === 'seatsFull'));
      const accepted = (await store.list(programme.id)).filter((c) => c.status === 'accepted');
      assert.equal(accepted.length, programme.seats);
    });

    it('promotes from the waitlist through the SQL store', async () => {
      const ids: string[] = [];
      for (const [index, organisationId] of ['caf-guyane', 'cnav'].entries()) {
        const outcome = await submitCandidacy(kit.deps, {
          programme: { ...programme, seats: 1 },
          applicant: applicant(index + 1),
          fields: individualFields({ organisationId }),
        });
        assert.ok(outcome.ok);
        ids.push(outcome.value.id);
      }
      const small = { ...programme, seats: 1 };
      await decideCandidacy(kit.deps, {
        programme: small,
        actor: admin,
        candidacyId: ids[0]!,
        decision: 'accept',
      });
      await decideCandidacy(kit.deps, {
        programme: small,
        actor: admin,
        candidacyId: ids[1]!,
        decision: 'waitlist',
      });
      await withdrawCandidacy(kit.deps, { programme: small, applicant: applicant(1) });
      assert.equal((await store.get(ids[1]!))?.status, 'accepted');
      assert.deepEqual(
        (await store.listDecisions(ids[1]!)).map((d) => d.kind),
        ['waitlist', 'promote'],
      );
    });

    it('stores scores once per member and candidacy, with an audit entry each time', async () => {
      const scores = new SqlScoreStore(database!.db);
      const score = {
        programmeId: programme.id,
        candidacyId: 'cand-1',
        memberAadId: 'member-1',
        values: { impact: 4, motivation: 5 },
        comment: 'Solide « oui »',
        scoredAt: new Date('2026-04-20T10:00:00.000Z'),
      };
      const audit = {
        at: score.scoredAt,
        actor: 'member-1',
        action: 'candidacy.score' as const,
        programmeId: programme.id,
        subjectId: 'cand-1',
        details: { values: score.values },
      };
      await scores.save(score, audit);
      await scores.save({ ...score, values: { impact: 2, motivation: 3 } }, audit);
      assert.deepEqual(await scores.listForCandidacy('cand-1'), [
        { ...score, values: { impact: 2, motivation: 3 } },
      ]);
      assert.equal((await scores.listForProgramme(programme.id)).length, 1);
      assert.equal((await kit.deps.audit.list(programme.id)).length, 2);
    });

    it('consumes an export token once, even when two downloads race', async () => {
      const created = await createExportLink(kit.deps, { programme, actor: admin, format: 'csv' });
      assert.ok(created.ok);
      const tokens = new SqlExportTokenStore(database!.db);
      assert.deepEqual(await tokens.get(created.value.id), created.value);
      const outcomes = await Promise.all(
        [1, 2, 3].map(() =>
          redeemExportLink(kit.deps, { tokenId: created.value.id, adminAadId: LAB_ADMIN_ID }),
        ),
      );
      assert.equal(outcomes.filter((o) => o.ok).length, 1);
      assert.ok((await tokens.get(created.value.id))?.usedAt instanceof Date);
      assert.deepEqual(
        (await kit.deps.audit.list(programme.id)).map((e) => e.action),
        ['export.link', 'export.download'],
      );
    });

    it('finds people by email once Teams told us their email', async () => {
      const people = new SqlPeopleDirectory(database!.db);
      const at = new Date('2026-03-10T08:00:00.000Z');
      await people.record({ aadId: 'aad-1', name: 'Marie Chef', email: 'Marie.Chef@caf.fr' }, at);
      await people.record({ aadId: 'aad-1', name: 'Marie Chef', email: null }, at);
      assert.deepEqual(await people.findByEmail('marie.chef@CAF.fr'), {
        aadId: 'aad-1',
        name: 'Marie Chef',
      });
      assert.equal(await people.findByEmail('nobody@caf.fr'), undefined);
    });

    it('names the people it met, by Entra id in any case, and nobody it did not', async () => {
      const people = new SqlPeopleDirectory(database!.db);
      const at = new Date('2026-03-10T08:00:00.000Z');
      await people.record({ aadId: 'AAD-2', name: 'Hugo Martin', email: null }, at);
      await people.record({ aadId: 'aad-3', name: '', email: 'x@caf.fr' }, at);
      const names = await people.findNames(['aad-2', 'aad-3', 'aad-unknown']);
      assert.deepEqual([...names.entries()], [['aad-2', 'Hugo Martin']]);
      assert.equal((await people.findNames([])).size, 0);
      // With their addresses, for a Lab session's participants picked in Teams.
      const found = await people.findPeople(['aad-2', 'AAD-3', 'aad-unknown']);
      assert.deepEqual([...found.entries()].sort(), [
        ['aad-2', { name: 'Hugo Martin', email: null }],
        ['aad-3', { name: '', email: 'x@caf.fr' }],
      ]);
      assert.equal((await people.findPeople([])).size, 0);
    });
  });
}
