import assert from 'node:assert/strict';
import { countCandidacies } from '../../../../src/core/selection/count-candidacies';
import { decideCandidacy } from '../../../../src/core/selection/decide-candidacy';
import {
  CANDIDACY_PAGE_SIZE,
  listCandidacies,
} from '../../../../src/core/selection/list-candidacies';
import { createTestProgramme, person } from '../../../support/candidacy-programme';
import { createCandidacyTestKit, LAB_ADMIN_ID } from '../../../support/candidacy-fakes';
import { submitCandidacies } from '../../../support/submit-candidacies';

const programme = createTestProgramme({ seats: 30, maxPerOrganisation: 20 });
const admin = person(LAB_ADMIN_ID, 'lab');

describe('listCandidacies and countCandidacies', () => {
  it('pages the list and filters by status, organisation and branch', async () => {
    const kit = createCandidacyTestKit();
    const organisations = Array.from({ length: 12 }, (_, i) =>
      i % 3 === 0 ? 'cnav' : i % 3 === 1 ? 'caf-guyane' : 'cpam-sarthe',
    );
    const ids = await submitCandidacies(kit, organisations, programme);
    await decideCandidacy(kit.deps, {
      programme,
      actor: admin,
      candidacyId: ids[0]!,
      decision: 'accept',
    });

    const first = await listCandidacies(kit.deps, { programme, viewer: admin, query: {} });
    assert.ok(first.ok);
    assert.equal(first.value.items.length, CANDIDACY_PAGE_SIZE);
    assert.deepEqual([first.value.total, first.value.pageCount], [12, 2]);
    const second = await listCandidacies(kit.deps, {
      programme,
      viewer: admin,
      query: { page: 1 },
    });
    assert.equal(second.ok && second.value.items.length, 12 - CANDIDACY_PAGE_SIZE);
    const beyond = await listCandidacies(kit.deps, {
      programme,
      viewer: admin,
      query: { page: 7 },
    });
    assert.equal(beyond.ok && beyond.value.page, 1);

    const accepted = await listCandidacies(kit.deps, {
      programme,
      viewer: admin,
      query: { status: 'accepted' },
    });
    assert.deepEqual(accepted.ok && accepted.value.items.map((c) => c.id), [ids[0]]);
    const famille = await listCandidacies(kit.deps, {
      programme,
      viewer: admin,
      query: { branch: 'famille' },
    });
    assert.equal(famille.ok && famille.value.total, 4);
    const mismatch = await listCandidacies(kit.deps, {
      programme,
      viewer: admin,
      query: { branch: 'famille', organisationId: 'cnav' },
    });
    assert.equal(mismatch.ok && mismatch.value.total, 0);
  });

  it('refuses the list to staff outside the Lab team and the committee', async () => {
    const kit = createCandidacyTestKit();
    const outcome = await listCandidacies(kit.deps, {
      programme,
      viewer: person('someone'),
      query: {},
    });
    assert.equal(outcome.ok ? '' : outcome.refusal.code, 'forbidden');
  });

  it('counts by status, organisation and branch, with the seats taken', async () => {
    const kit = createCandidacyTestKit();
    const ids = await submitCandidacies(kit, ['cnav', 'cnav', 'caf-guyane'], programme);
    await decideCandidacy(kit.deps, {
      programme,
      actor: admin,
      candidacyId: ids[0]!,
      decision: 'accept',
    });
    const counts = countCandidacies(programme, await kit.store.list(programme.id));
    assert.equal(counts.total, 3);
    assert.equal(counts.byStatus.submitted, 2);
    assert.equal(counts.byStatus.accepted, 1);
    assert.deepEqual(
      counts.byOrganisation.map((o) => [o.organisationId, o.total]),
      [
        ['caf-guyane', 1],
        ['cpam-sarthe', 0],
        ['cnav', 2],
      ],
    );
    assert.deepEqual(
      counts.byBranch.map((b) => [b.branch, b.total]),
      [
        ['famille', 1],
        ['maladie', 0],
        ['retraite', 2],
      ],
    );
    assert.deepEqual([counts.seatsTaken, counts.seats], [1, 30]);
  });
});
