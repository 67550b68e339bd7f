import assert from 'node:assert/strict';
import { buildCard } from '../../../../../src/adapters/teams/cards/card-kit';

type Node = Record<string, unknown>;

/** Every element of a card of one type. */
function elementsOf(node: unknown, type: string, into: Node[] = []): Node[] {
  if (Array.isArray(node)) {
    for (const item of node) elementsOf(item, type, into);
  } else if (typeof node === 'object' && node !== null) {
    const record = node as Node;
    if (record.type === type) into.push(record);
    for (const value of Object.values(record)) elementsOf(value, type, into);
  }
  return into;
}

describe('buildCard', () => {
  it('takes a fact holding an e-mail address out of the FactSet, label above a wrapping value', () => {
    const email = 'marie-christine.delacroix-fontaine@caf-guyane.fr';
    const card = buildCard({
      title: 'Candidature',
      facts: [
        { label: 'Statut', value: 'envoyée' },
        { label: 'Avis du manager', value: `demandé à ${email}` },
      ],
      sections: [{ title: 'Équipe', facts: [{ label: 'Contact', value: email }] }],
    });
    const factSets = elementsOf(card, 'FactSet');
    assert.equal(factSets.length, 1, 'the section has no FactSet left');
    assert.doesNotMatch(JSON.stringify(factSets), /@/);
    const texts = elementsOf(card, 'TextBlock');
    for (const value of [`demandé à ${email}`, email]) {
      const block = texts.find((text) => text.text === value);
      assert.equal(block?.wrap, true, value);
    }
    assert.equal(texts.find((text) => text.text === 'Avis du manager')?.weight, 'Bolder');
  });

  it('puts a secondary button in the "…" menu, fallback included, and leaves the others as they were', () => {
    const card = buildCard({
      title: 'Formulaire',
      actions: [
        { title: 'Envoyer', verb: 'x.send' },
        { title: 'Enregistrer le brouillon', verb: 'x.draft', secondary: true },
        { kind: 'url', title: 'Notice', url: 'https://lab.example/notice', secondary: true },
      ],
    });
    const actions = card.actions as Node[];
    assert.equal(actions[0]?.mode, undefined);
    assert.equal(actions[1]?.mode, 'secondary');
    assert.equal((actions[1]?.fallback as Node).mode, 'secondary');
    assert.equal(actions[2]?.mode, 'secondary');
    assert.equal(actions[2]?.url, 'https://lab.example/notice');
  });

  it('marks a required input for Teams with its error message, and no other', () => {
    const card = buildCard({
      title: 'Bilan',
      inputs: [
        {
          kind: 'text',
          id: 'results',
          label: 'Résultats (obligatoire)',
          value: '',
          maxLength: 10,
          required: { errorMessage: 'Remplissez ce champ : Résultats.' },
        },
        { kind: 'text', id: 'indicators', label: 'Indicateurs', value: '', maxLength: 10 },
      ],
    });
    const [results, indicators] = elementsOf(card, 'Input.Text');
    assert.equal(results?.isRequired, true);
    assert.equal(results?.errorMessage, 'Remplissez ce champ : Résultats.');
    assert.equal('isRequired' in indicators!, false);
    assert.equal('errorMessage' in indicators!, false);
  });
});
