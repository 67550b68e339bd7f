import assert from 'node:assert/strict';
import { renderCard } from '../../../../../src/adapters/teams/cards/render-card';

const TEMPLATE = {
  type: 'AdaptiveCard',
  body: [
    { type: 'TextBlock', text: 'Bonjour ${name}' },
    { type: 'TextBlock', $data: '${lines}', text: '${$data}' },
    { type: 'TextBlock', text: 'Note', $when: "${note != ''}" },
  ],
};

describe('renderCard', () => {
  it('expands one template object again and again, each time with its own data only', () => {
    const first = renderCard(TEMPLATE, {
      name: 'Camille',
      lines: ['un', 'deux', 'trois'],
      note: 'x',
    });
    const second = renderCard(TEMPLATE, { name: 'Hugo', lines: ['seul'], note: '' });
    assert.deepEqual(first.body, [
      { type: 'TextBlock', text: 'Bonjour Camille' },
      { type: 'TextBlock', text: 'un' },
      { type: 'TextBlock', text: 'deux' },
      { type: 'TextBlock', text: 'trois' },
      { type: 'TextBlock', text: 'Note' },
    ]);
    assert.deepEqual(second.body, [
      { type: 'TextBlock', text: 'Bonjour Hugo' },
      { type: 'TextBlock', text: 'seul' },
    ]);
    assert.equal(TEMPLATE.body[0]!.text, 'Bonjour ${name}', 'the template itself is untouched');
  });

  it('takes data text as text, never as an expression', () => {
    const card = renderCard(TEMPLATE, { name: '${lines}', lines: [], note: '' });
    assert.deepEqual(card.body, [{ type: 'TextBlock', text: 'Bonjour ${lines}' }]);
  });
});
