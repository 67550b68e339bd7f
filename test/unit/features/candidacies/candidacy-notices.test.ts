import assert from 'node:assert/strict';
import {
  measureMessageBytes,
  MAX_CARD_BYTES,
} from '../../../../src/adapters/teams/cards/card-size';
import { createCandidacyRenderers } from '../../../../src/features/candidacies/candidacy-notices';
import { createSelectionRenderers } from '../../../../src/features/selection/selection-notices';
import { createTranslator, type Language } from '../../../../src/i18n/translate';
import { CANDIDACY_NOTICES as NOTICES } from '../../../support/notice-samples';

describe('candidacy and selection notice cards', () => {
  const renderers = { ...createCandidacyRenderers(), ...createSelectionRenderers() };

  it('renders every notice kind the core sends, in French and English, under 80 KB of UTF-16', () => {
    assert.deepEqual(Object.keys(renderers).sort(), Object.keys(NOTICES).sort());
    for (const language of ['fr', 'en'] as Language[]) {
      for (const [kind, data] of Object.entries(NOTICES)) {
        const { card, summary } = renderers[kind]!(
          { kind, data },
          { language, t: createTranslator(language) },
        );
        const text = JSON.stringify(card);
        assert.equal(card.version, '1.5');
        assert.ok(summary.length > 0, kind);
        assert.doesNotMatch(text, /\{[a-zA-Z]+\}|\$\{/, `${kind} left a placeholder`);
        assert.ok(measureMessageBytes(text) <= MAX_CARD_BYTES, kind);
      }
    }
  });

  it('gives the accepted candidate the deadline and the confirm and renounce buttons', () => {
    const { card } = renderers['selection.decision']!(
      { kind: 'selection.decision', data: NOTICES['selection.decision']! },
      { language: 'fr', t: createTranslator('fr') },
    );
    const text = JSON.stringify(card);
    assert.match(text, /au plus tard le vendredi 1 mai 2026/);
    assert.match(text, /"verb":"candidacy.confirm"/);
    assert.match(text, /"verb":"candidacy.renounce"/);
    assert.match(text, /Une place s’est libérée/);
  });
});
