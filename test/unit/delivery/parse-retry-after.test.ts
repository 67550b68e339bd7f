import assert from 'node:assert/strict';
import { parseRetryAfter } from '../../../src/delivery/parse-retry-after';

const now = Date.parse('2026-10-01T07:30:00Z');

describe('parseRetryAfter', () => {
  it('reads a number of seconds', () => {
    assert.equal(parseRetryAfter('2', now), 2_000);
    assert.equal(parseRetryAfter(' 0.5 ', now), 500);
  });

  it('reads an HTTP date relative to now, never negative', () => {
    assert.equal(parseRetryAfter('Thu, 01 Oct 2026 07:30:10 GMT', now), 10_000);
    assert.equal(parseRetryAfter('Thu, 01 Oct 2026 07:29:00 GMT', now), 0);
  });

  it('gives nothing for an absent or unreadable header, so the caller backs off itself', () => {
    assert.equal(parseRetryAfter(undefined, now), undefined);
    assert.equal(parseRetryAfter(null, now), undefined);
    assert.equal(parseRetryAfter('', now), undefined);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter('-3', now), undefined);
  });
});
