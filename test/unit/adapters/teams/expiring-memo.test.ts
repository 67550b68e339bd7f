import assert from 'node:assert/strict';
import { ExpiringMemo } from '../../../../src/adapters/teams/expiring-memo';

const AT = new Date('2026-11-03T09:00:00.000Z');
const later = (ms: number): Date => new Date(AT.getTime() + ms);

describe('ExpiringMemo', () => {
  it('remembers a value until its time is up', () => {
    const memo = new ExpiringMemo<string>(1_000);
    memo.set('a', 'x', AT);
    assert.equal(memo.get('a', later(999)), 'x');
    assert.equal(memo.get('a', later(1_000)), undefined);
    assert.equal(memo.get('a', later(1)), undefined, 'an expired entry is gone');
  });

  it('forgets a value when the clock goes back before it was set', () => {
    const memo = new ExpiringMemo<string>(1_000);
    memo.set('a', 'x', AT);
    assert.equal(memo.get('a', later(-1)), undefined);
  });

  it('keeps at most its capacity, the oldest set going first', () => {
    const memo = new ExpiringMemo<number>(60_000, 2);
    memo.set('a', 1, AT);
    memo.set('b', 2, AT);
    memo.set('a', 3, AT); // a set again: b is the oldest now
    memo.set('c', 4, AT);
    assert.equal(memo.get('b', AT), undefined);
    assert.equal(memo.get('a', AT), 3);
    assert.equal(memo.get('c', AT), 4);
  });
});
