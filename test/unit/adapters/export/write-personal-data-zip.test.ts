import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { writePersonalDataZip } from '../../../../src/adapters/export/write-personal-data-zip';
import {
  PERSONAL_DATA_CATEGORIES,
  type PersonalDataCategory,
} from '../../../../src/core/personal-data/personal-data-register';
import type { PersonalDataSnapshot } from '../../../../src/core/ports/personal-data-store';
import { createTranslator } from '../../../../src/i18n/translate';

describe('the "my data" ZIP', () => {
  it('gives each table its own sheet even when the category’s name fills the 31 characters Excel allows', async () => {
    const snapshot = Object.fromEntries(
      PERSONAL_DATA_CATEGORIES.map((category) => [category, {}]),
    ) as PersonalDataSnapshot;
    snapshot.labSessions = {
      lab_session_requests: [{ id: 'req-1' }],
      lab_session_debriefs: [{ request_id: 'req-1', kind: 'hot' }],
      lab_session_participants: [{ id: 'p-1', name: 'Élodie' }],
    };
    const t = createTranslator('fr');
    const zip = await JSZip.loadAsync(
      await writePersonalDataZip(snapshot, {
        aadId: 'aad-1',
        createdAt: new Date('2026-12-01T09:00:00.000Z'),
        categoryName: (category) => t(`personalData.category.${category as PersonalDataCategory}`),
      }),
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await zip.file('donnees.xlsx')!.async('arraybuffer'));
    const names = workbook.worksheets.map((sheet) => sheet.name);
    assert.equal(names.length, 3);
    assert.equal(new Set(names).size, 3, names.join(' | '));
    assert.ok(names.every((name) => name.length <= 31));
    assert.ok(names.some((name) => name.endsWith('lab_session_participants')));
  });
});
