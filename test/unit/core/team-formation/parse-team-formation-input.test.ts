import assert from 'node:assert/strict';
import { parseTeamFormationInput } from '../../../../src/core/team-formation/parse-team-formation-input';

const base = {
  people: [
    { id: 'a', organisation: 'caf', branch: 'famille' },
    { id: 'b', organisation: 'cpam', branch: 'maladie' },
  ],
  teamCount: 1,
  minSize: 2,
  maxSize: 2,
};

describe('parseTeamFormationInput', () => {
  it('accepts the contract and drops extra person fields and null optional fields', () => {
    const parsed = parseTeamFormationInput(
      { ...base, people: [{ ...base.people[0], name: 'Amina', role: null }, base.people[1]] },
      'en',
    );
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.input.people[0], { id: 'a', organisation: 'caf', branch: 'famille' });
    assert.deepEqual(parsed.warnings, []);
  });

  it('refuses a pair kept apart from itself and sizes in the wrong order', () => {
    const parsed = parseTeamFormationInput(
      { ...base, minSize: 3, maxSize: 2, apart: [['a', 'a']] },
      'fr',
    );
    assert.ok(!parsed.ok);
    assert.deepEqual(parsed.problems, [
      'minSize (3) est plus grand que maxSize (2)',
      'apart[0] : « a » ne peut pas être séparé de lui-même',
    ]);
  });

  it('refuses a facilitator who is also a participant', () => {
    const parsed = parseTeamFormationInput(
      { ...base, facilitators: [{ id: 'a', organisation: 'cnaf' }] },
      'en',
    );
    assert.ok(!parsed.ok);
    assert.deepEqual(parsed.problems, ['facilitators[0].id: "a" is also a participant']);
  });

  it('refuses an "apart" entry that is not a pair', () => {
    const parsed = parseTeamFormationInput({ ...base, apart: [['a', 'b', 'c']] }, 'en');
    assert.ok(!parsed.ok);
    assert.deepEqual(parsed.problems, ['apart[0]: must hold exactly 2 people']);
  });

  it('warns when nobody has the no-isolation attribute', () => {
    const parsed = parseTeamFormationInput({ ...base, noIsolation: 'genre' }, 'fr');
    assert.ok(parsed.ok);
    assert.match(parsed.warnings[0]!, /aucun participant n'a l'attribut « genre »/);
  });
});
