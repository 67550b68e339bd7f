import assert from 'node:assert/strict';
import { en } from '../../../src/i18n/en';
import { fr } from '../../../src/i18n/fr';
import { createTranslator, formatDay, toLanguage } from '../../../src/i18n/translate';

describe('translate', () => {
  it('speaks French unless the locale is English', () => {
    assert.equal(toLanguage('fr-FR'), 'fr');
    assert.equal(toLanguage('nl-BE'), 'fr');
    assert.equal(toLanguage(null), 'fr');
    assert.equal(toLanguage('en-US'), 'en');
    assert.equal(toLanguage('EN-gb'), 'en');
  });

  it('has an English text for every French key, and no empty message', () => {
    assert.deepEqual(Object.keys(en).sort(), Object.keys(fr).sort());
    for (const [key, text] of [...Object.entries(fr), ...Object.entries(en)]) {
      assert.notEqual(text.trim(), '', key);
    }
  });

  it('keeps the same placeholders in both languages', () => {
    const placeholders = (text: string): string[] => (text.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(fr) as (keyof typeof fr)[]) {
      assert.deepEqual(placeholders(en[key]), placeholders(fr[key]), key);
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    const t = createTranslator('fr');
    assert.equal(t('programmes.phase', { phase: 'sélection' }), 'Étape : sélection');
    assert.equal(t('programmes.phase'), 'Étape : {phase}');
  });

  it('writes days out in each language', () => {
    assert.equal(formatDay('2026-12-10', 'fr'), 'jeudi 10 décembre 2026');
    assert.equal(formatDay('2026-12-10', 'en'), 'Thursday, 10 December 2026');
  });
});
