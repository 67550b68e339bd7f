import assert from 'node:assert/strict';
import { buildExportTables } from '../../../../src/core/selection/build-export-tables';
import { createExportLink } from '../../../../src/core/selection/create-export-link';
import { redeemExportLink } from '../../../../src/core/selection/redeem-export-link';
import { scoreCandidacy } from '../../../../src/core/selection/score-candidacy';
import { COMMITTEE_CNAV, createTestProgramme, person } from '../../../support/candidacy-programme';
import { createCandidacyTestKit, LAB_ADMIN_ID } from '../../../support/candidacy-fakes';
import { submitCandidacies } from '../../../support/submit-candidacies';

const programme = createTestProgramme();
const admin = person(LAB_ADMIN_ID, 'lab');

describe('export links', () => {
  async function issued() {
    const kit = createCandidacyTestKit({ now: '2026-04-24T10:00:00.000Z' });
    const outcome = await createExportLink(kit.deps, { programme, actor: admin, format: 'xlsx' });
    assert.ok(outcome.ok);
    return { kit, token: outcome.value };
  }

  it('issues a 15-minute token to a Lab team member and audits it', async () => {
    const { kit, token } = await issued();
    assert.equal(token.expiresAt.toISOString(), '2026-04-24T10:15:00.000Z');
    assert.deepEqual(
      kit.audit.map((e) => e.action),
      ['export.link'],
    );
  });

  it('refuses to issue a token to anyone outside the Lab team', async () => {
    const kit = createCandidacyTestKit();
    const outcome = await createExportLink(kit.deps, {
      programme,
      actor: person(COMMITTEE_CNAV.aadId),
      format: 'csv',
    });
    assert.equal(outcome.ok ? '' : outcome.refusal.code, 'forbidden');
  });

  it('redeems once, then refuses the reused link', async () => {
    const { kit, token } = await issued();
    const first = await redeemExportLink(kit.deps, { tokenId: token.id, adminAadId: LAB_ADMIN_ID });
    assert.ok(first.ok);
    const second = await redeemExportLink(kit.deps, {
      tokenId: token.id,
      adminAadId: LAB_ADMIN_ID,
    });
    assert.equal(second.ok ? '' : second.refusal.code, 'linkUsed');
    assert.deepEqual(
      kit.audit.map((e) => e.action),
      ['export.link', 'export.download'],
    );
  });

  it('refuses an expired link, and one presented for another admin', async () => {
    const { kit, token } = await issued();
    const other = await redeemExportLink(kit.deps, {
      tokenId: token.id,
      adminAadId: 'other-admin',
    });
    assert.equal(other.ok ? '' : other.refusal.code, 'forbidden');
    kit.clock.set('2026-04-24T10:15:00.000Z');
    const late = await redeemExportLink(kit.deps, { tokenId: token.id, adminAadId: LAB_ADMIN_ID });
    assert.equal(late.ok ? '' : late.refusal.code, 'linkExpired');
  });

  it('lets only one of two racing downloads through', async () => {
    const { kit, token } = await issued();
    const outcomes = await Promise.all(
      [1, 2].map(() => redeemExportLink(kit.deps, { tokenId: token.id, adminAadId: LAB_ADMIN_ID })),
    );
    assert.equal(outcomes.filter((o) => o.ok).length, 1);
  });
});

describe('buildExportTables', () => {
  it('puts one row per candidacy with its average score, and one row per committee score', async () => {
    const kit = createCandidacyTestKit();
    const [id] = await submitCandidacies(kit, ['caf-guyane']);
    await scoreCandidacy(kit.deps, {
      programme,
      memberAadId: COMMITTEE_CNAV.aadId,
      candidacyId: id!,
      fields: { 'score.impact': '3', 'score.motivation': '4', comment: 'Bien' },
    });
    const tables = buildExportTables(
      programme,
      await kit.store.list(programme.id),
      kit.scores.scores,
    );
    const columns = tables.candidacies.columns.map((c) => c.id);
    const row = tables.candidacies.rows[0]!;
    assert.equal(row[columns.indexOf('organisation')], 'Caf de Guyane');
    assert.equal(
      row[columns.indexOf('themeWishes')],
      'Qualité de vie au travail > Droit à la déconnexion',
    );
    assert.equal(row[columns.indexOf('averageScore')], 3.5);
    assert.deepEqual(
      tables.scores.columns.map((c) => c.label ?? c.id),
      ['candidacyId', 'applicant', 'member', 'Impact attendu', 'Motivation', 'comment', 'scoredAt'],
    );
    assert.deepEqual(tables.scores.rows[0]?.slice(0, 6), [
      id,
      'Candidate 1',
      'Naïma Zarad',
      3,
      4,
      'Bien',
    ]);
  });
});
