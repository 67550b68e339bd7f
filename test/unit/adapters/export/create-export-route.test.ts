import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import restify from 'restify';
import { createExportRoute } from '../../../../src/adapters/export/create-export-route';
import { signExportLink } from '../../../../src/adapters/export/sign-export-link';
import type { ExportFormat } from '../../../../src/core/ports/export-token-store';
import type { Programme } from '../../../../src/core/programmes/programme';
import { createExportLink } from '../../../../src/core/selection/create-export-link';
import { createLogger } from '../../../../src/logger';
import {
  createCandidacyTestKit,
  LAB_ADMIN_ID,
  type CandidacyTestKit,
} from '../../../support/candidacy-fakes';
import { createTestProgramme, person } from '../../../support/candidacy-programme';
import { submitCandidacies } from '../../../support/submit-candidacies';

const KEY = 'test-signing-key-of-at-least-32-characters';
const OTHER_ADMIN = '11111111-2222-4333-8444-555555555555';

describe('export download route', () => {
  const programme = createTestProgramme();
  let kit: CandidacyTestKit;
  let server: restify.Server;
  let base: string;

  beforeEach(async () => {
    kit = createCandidacyTestKit();
    await submitCandidacies(kit, ['caf-guyane', 'cnav']);
    kit.clock.set('2026-04-24T10:00:00.000Z');
    server = restify.createServer();
    createExportRoute({
      core: kit.deps,
      programmes: {
        get: (id: string) => Promise.resolve(id === programme.id ? programme : undefined),
        list: () => Promise.resolve([programme]),
        save: () => Promise.resolve(),
      },
      conversations: {
        getUserContext: (aadId: string) =>
          Promise.resolve(
            aadId === OTHER_ADMIN
              ? { aadId, locale: 'en-GB', timezone: null, seenAt: new Date() }
              : undefined,
          ),
      },
      signingKey: KEY,
      logger: createLogger('silent'),
    })(server);
    await new Promise<void>((resolve) => {
      server.listen(0, '127.0.0.1', () => resolve());
    });
    base = `http://127.0.0.1:${server.address().port}`;
  });

  afterEach(() => {
    server.close();
  });

  async function linkFor(format: ExportFormat, admin = LAB_ADMIN_ID, p: Programme = programme) {
    const token = await createExportLink(kit.deps, {
      programme: p,
      actor: person(admin, 'lab'),
      format,
    });
    assert.ok(token.ok);
    return signExportLink(
      base,
      { tokenId: token.value.id, adminAadId: admin, expiresAt: token.value.expiresAt },
      KEY,
    );
  }

  it('serves the workbook once to the admin it was made for', async () => {
    const link = await linkFor('xlsx');
    const response = await fetch(link);
    assert.equal(response.status, 200);
    assert.match(
      response.headers.get('content-disposition') ?? '',
      /defi-test-candidatures-.*\.xlsx/,
    );
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.getWorksheet('Candidatures');
    assert.ok(sheet);
    assert.equal(sheet.getRow(1).getCell(4).value, 'Organisme');
    assert.equal(sheet.getRow(2).getCell(4).value, 'Caf de Guyane');
    assert.equal(sheet.rowCount, 3);
    assert.ok(workbook.getWorksheet('Notes'));
    assert.ok(kit.audit.some((e) => e.action === 'export.download'));
  });

  it('refuses a reused link', async () => {
    const link = await linkFor('csv');
    assert.equal((await fetch(link)).status, 200);
    const again = await fetch(link);
    assert.equal(again.status, 410);
    assert.match(await again.text(), /déjà servi/);
  });

  it('refuses an expired link', async () => {
    const link = await linkFor('csv');
    kit.clock.set('2026-04-24T10:15:00.000Z');
    const response = await fetch(link);
    assert.equal(response.status, 410);
    assert.match(await response.text(), /expiré/);
    assert.ok(!kit.audit.some((e) => e.action === 'export.download'));
  });

  it('refuses a link whose admin or expiry was changed', async () => {
    const link = new URL(await linkFor('csv'));
    link.searchParams.set('admin', OTHER_ADMIN);
    assert.equal((await fetch(link)).status, 403);
    link.searchParams.set('admin', LAB_ADMIN_ID);
    link.searchParams.set('expires', String(Date.parse('2030-01-01T00:00:00Z')));
    assert.equal((await fetch(link)).status, 403);
  });

  it('refuses another admin’s token even with a well-signed link, in their language', async () => {
    const token = await createExportLink(kit.deps, {
      programme,
      actor: person(LAB_ADMIN_ID, 'lab'),
      format: 'csv',
    });
    assert.ok(token.ok);
    // A link signed for OTHER_ADMIN but pointing at LAB_ADMIN_ID's token.
    const forged = signExportLink(
      base,
      { tokenId: token.value.id, adminAadId: OTHER_ADMIN, expiresAt: token.value.expiresAt },
      KEY,
    );
    const response = await fetch(forged);
    assert.equal(response.status, 403);
    assert.match(await response.text(), /not valid/);
    // The rightful admin can still use it.
    const rightful = signExportLink(
      base,
      { tokenId: token.value.id, adminAadId: LAB_ADMIN_ID, expiresAt: token.value.expiresAt },
      KEY,
    );
    assert.equal((await fetch(rightful)).status, 200);
  });

  it('serves a semicolon CSV with one row per score and neutralised formulas', async () => {
    await kit.store.transact(programme.id, (all) => ({
      save: all.map((c) =>
        c.answers.mode === 'individual'
          ? { ...c, answers: { ...c.answers, motivation: '=HYPERLINK("x")' } }
          : c,
      ),
      result: undefined,
    }));
    const response = await fetch(await linkFor('csv'));
    const text = await response.text();
    assert.match(response.headers.get('content-type') ?? '', /text\/csv/);
    const lines = text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    assert.equal(lines.length, 3);
    assert.match(lines[0]!, /^Identifiant;Statut;/);
    assert.match(lines[1]!, /"'=HYPERLINK\(""x""\)"/);
  });
});
