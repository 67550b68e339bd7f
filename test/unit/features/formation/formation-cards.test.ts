import assert from 'node:assert/strict';
import { createFormationRenderers } from '../../../../src/features/formation/formation-cards';
import { createTranslator } from '../../../../src/i18n/translate';

const context = { language: 'fr' as const, t: createTranslator('fr') };

describe('formation notice cards', () => {
  const renderers = createFormationRenderers(() => '2026-05-01');

  it('offers the confirmation on a dry run posted later, as on the quick answer', () => {
    const { card, summary } = renderers['formation.result']!(
      {
        kind: 'formation.result',
        data: {
          title: 'Ce qui sera créé pour le programme « Défi »',
          lines: ['Fil « Équipe 1 » dans le canal Général'],
          programmeId: 'defi',
        },
      },
      context,
    );
    assert.equal(summary, 'Ce qui sera créé pour le programme « Défi »');
    const json = JSON.stringify(card);
    assert.match(json, /"title":"Confirmer les équipes","verb":"formation.confirm"/);
    assert.match(json, /"title":"Revenir à la proposition","verb":"formation.page"/);
    assert.match(json, /"programmeId":"defi"/);
  });

  it('offers nothing on the summary of a confirmation', () => {
    const { card } = renderers['formation.result']!(
      {
        kind: 'formation.result',
        data: { title: 'Équipes confirmées — Défi', lines: ['7 équipes enregistrées'] },
      },
      context,
    );
    assert.doesNotMatch(JSON.stringify(card), /formation\.confirm|Action\./);
  });
});
