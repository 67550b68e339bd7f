import assert from 'node:assert/strict';
import { en } from '../../../src/i18n/en';
import { fr } from '../../../src/i18n/fr';
import {
  createTranslator,
  formatDay,
  formatLabelled,
  formatPercent,
  toLanguage,
  typeset,
} from '../../../src/i18n/translate';

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
    assert.equal(t('programmes.phase', { phase: 'sélection' }), 'Étape\u00a0: sélection');
    assert.equal(t('programmes.phase'), 'Étape\u00a0: {phase}');
  });

  it('writes days out in each language', () => {
    assert.equal(formatDay('2026-12-10', 'fr'), 'jeudi 10 décembre 2026');
    assert.equal(formatDay('2026-12-10', 'en'), 'Thursday, 10 December 2026');
  });

  it('writes every French message with French spacing, and no English one with it', () => {
    const params = (text: string): Record<string, string> =>
      Object.fromEntries((text.match(/\{\w+\}/g) ?? []).map((p) => [p.slice(1, -1), 'Qui paie ?']));
    const tFr = createTranslator('fr');
    const tEn = createTranslator('en');
    for (const key of Object.keys(fr) as (keyof typeof fr)[]) {
      const french = tFr(key, params(fr[key]));
      assert.doesNotMatch(french, / [;:!?»%]|« /, `${key}: "${french}"`);
      const english = tEn(key, params(en[key]));
      assert.doesNotMatch(english, /[\u00a0\u202f][;:!?»%]|\d %/, `${key}: "${english}"`);
    }
    assert.equal(tFr('digest.figure', { label: 'Taux', value: '40 %' }), 'Taux\u00a0: 40\u00a0%');
  });

  it('changes only the spaces next to punctuation, never a link, an hour or a template', () => {
    assert.equal(
      typeset('Voir https://lab.example/a?b=1 à 10:30 : ${name} !', 'fr'),
      'Voir https://lab.example/a?b=1 à 10:30\u00a0: ${name}\u202f!',
    );
    assert.equal(
      typeset('Écrivez «mes données» ; merci', 'fr'),
      'Écrivez «\u202fmes données\u202f»\u202f; merci',
    );
    assert.equal(typeset('Status\u00a0: 40 % done\u202f!', 'en'), 'Status: 40% done!');
    assert.equal(typeset('Who pays ?', 'en'), 'Who pays ?');
    assert.equal(
      createTranslator('fr')('labSession.list.overCapacity', {
        days: 45.5,
        capacity: 40,
        over: 5.5,
      }),
      '45,5\u00a0j sur 40\u00a0j\u00a0: dépassé de 5,5\u00a0j',
    );
    assert.equal(
      createTranslator('en')('labSession.list.overCapacity', {
        days: 45.5,
        capacity: 40,
        over: 5.5,
      }),
      '45.5 d of 40 d: over by 5.5 d',
    );
    assert.equal(typeset('3 jours, 2 h, le 12 juin', 'fr'), '3 jours, 2\u00a0h, le 12 juin');
    assert.equal(formatPercent(40.25, 'fr'), '40,3\u00a0%');
    assert.equal(formatPercent(40.25, 'en'), '40.3%');
    assert.equal(formatLabelled('Statut', 'prêt', 'fr'), 'Statut\u00a0: prêt');
    assert.equal(formatLabelled('Status', 'ready', 'en'), 'Status: ready');
  });
});
