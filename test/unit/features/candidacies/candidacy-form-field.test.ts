import assert from 'node:assert/strict';
import {
  CANDIDACY_FORM,
  validateCandidacyForm,
  type FormField,
} from '../../../../src/core/candidacies/candidacy-form';
import type { Candidacy } from '../../../../src/core/candidacies/candidacy';
import { buildExportTables } from '../../../../src/core/selection/build-export-tables';
import {
  buildCandidacyFormCard,
  listFormMessageKeys,
  summariseCandidacy,
  toFormValues,
} from '../../../../src/features/candidacies/candidacy-cards';
import { en } from '../../../../src/i18n/en';
import { fr } from '../../../../src/i18n/fr';
import { createTranslator, isMessageKey } from '../../../../src/i18n/translate';
import {
  applicant,
  createTestProgramme,
  individualFields,
} from '../../../support/candidacy-programme';

/** A field a programme might add: the languages a candidate works in. One entry, nothing else. */
const LANGUAGES: FormField = {
  id: 'languages',
  kind: 'text',
  modes: ['individual'],
  required: true,
  maxLength: 80,
  exported: true,
  summary: 'fact',
};
const FORM = [...CANDIDACY_FORM, LANGUAGES];
/** Its two translations. */
const LABELS = { fr: 'Langues de travail', en: 'Working languages' };
const KEY = 'candidacy.field.languages';

describe('the candidacy form, described once', () => {
  it('has every label and choice of its fields in both catalogues', () => {
    const missing = listFormMessageKeys(CANDIDACY_FORM).filter((key) => !isMessageKey(key));
    assert.deepEqual(missing, []);
  });

  describe('a field added with one entry and its two translations', () => {
    before(() => {
      // The two translations, as they would be written in candidacies.fr.ts and .en.ts.
      Object.assign(fr, { [KEY]: LABELS.fr });
      Object.assign(en, { [KEY]: LABELS.en });
    });

    after(() => {
      delete (fr as Record<string, string>)[KEY];
      delete (en as Record<string, string>)[KEY];
    });

    it('is caught by the catalogue check until it is translated', () => {
      const keys = listFormMessageKeys(FORM);
      assert.ok(keys.includes(KEY));
      delete (en as Record<string, string>)[KEY];
      assert.equal(isMessageKey(KEY), false);
      Object.assign(en, { [KEY]: LABELS.en });
      assert.equal(isMessageKey(KEY), true);
    });

    it('is validated, stored, shown on the form and in the summary, and exported', () => {
      const programme = createTestProgramme();
      const refused = validateCandidacyForm(individualFields(), programme, applicant(1), FORM);
      assert.ok(!refused.ok);
      assert.deepEqual(refused.issues, [{ path: ['languages'], code: 'required', params: {} }]);
      const tooLong = validateCandidacyForm(
        individualFields({ languages: 'x'.repeat(81) }),
        programme,
        applicant(1),
        FORM,
      );
      assert.ok(!tooLong.ok);
      assert.equal(tooLong.issues[0]?.code, 'tooLong');

      const valid = validateCandidacyForm(
        individualFields({ languages: 'français, créole' }),
        programme,
        applicant(1),
        FORM,
      );
      assert.ok(valid.ok);
      assert.deepEqual(valid.answers.extra, { languages: 'français, créole' });

      for (const language of ['fr', 'en'] as const) {
        const context = { language, t: createTranslator(language) };
        const card = JSON.stringify(
          buildCandidacyFormCard(context, {
            programme,
            applicant: applicant(1),
            values: { languages: 'français, créole' },
            errors: { languages: 'Champ obligatoire' },
            form: FORM,
          }),
        );
        // A required field says so in its label, the name a screen reader announces.
        const mark = language === 'fr' ? 'obligatoire' : 'required';
        assert.match(
          card,
          new RegExp(`"id":"languages","label":"${LABELS[language]} \\(${mark}\\)"`),
        );
        assert.match(card, /Champ obligatoire/);

        const candidacy = {
          id: 'cand-1',
          programmeId: programme.id,
          applicant: applicant(1),
          organisationId: valid.organisationId,
          answers: valid.answers,
          status: 'submitted',
          seatCount: 1,
          endorsement: null,
          confirmBy: null,
          submittedAt: new Date('2026-03-10T09:00:00Z'),
          updatedAt: new Date('2026-03-10T09:00:00Z'),
        } as unknown as Candidacy;
        const summary = JSON.stringify(summariseCandidacy(context, programme, candidacy, FORM));
        assert.match(
          summary,
          new RegExp(`"label":"${LABELS[language]}","value":"français, créole"`),
        );
        assert.equal(toFormValues(candidacy, FORM).languages, 'français, créole');

        const { columns, rows } = buildExportTables(programme, [candidacy], [], FORM).candidacies;
        const index = columns.findIndex((column) => column.id === 'languages');
        assert.ok(index > 0);
        assert.equal(rows[0]?.[index], 'français, créole');
      }
    });
  });
});
