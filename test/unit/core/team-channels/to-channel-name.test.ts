import assert from 'node:assert/strict';
import {
  isSameChannelName,
  MAX_CHANNEL_NAME_LENGTH,
  toChannelName,
} from '../../../../src/core/team-channels/to-channel-name';

describe('toChannelName', () => {
  it('names a team after its number and theme', () => {
    assert.equal(toChannelName(3, 'Inclusion'), 'Équipe 3 · Inclusion');
  });

  it('names a team without a theme after its number alone', () => {
    assert.equal(toChannelName(12, undefined), 'Équipe 12');
  });

  it('removes the characters Teams refuses', () => {
    assert.equal(toChannelName(1, 'Attirer & recruter : # 1/2'), 'Équipe 1 · Attirer recruter 1 2');
  });

  it('cuts long names to 50 characters without a trailing separator', () => {
    const name = toChannelName(
      7,
      'Développons le leadership éthique dans les pratiques managériales',
    );
    assert.ok([...name].length <= MAX_CHANNEL_NAME_LENGTH);
    assert.equal(name, 'Équipe 7 · Développons le leadership éthique dans');
  });

  it('compares names without regard to case, as Teams does', () => {
    assert.ok(isSameChannelName('Équipe 3 · Inclusion', 'équipe 3 · inclusion'));
    assert.ok(!isSameChannelName('Équipe 3 · Inclusion', 'Equipe 3 · Inclusion'));
  });
});
