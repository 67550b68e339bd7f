import assert from 'node:assert/strict';
import {
  decideRetry,
  MAX_DELIVERY_ATTEMPTS,
  MAX_DELIVERY_THROTTLES,
  RETRY_BASE_DELAY_MS,
  RETRY_MAX_DELAY_MS,
} from '../../../src/delivery/decide-retry';

const fresh = { failures: 0, throttles: 0 };
const highest = () => 0.999_999;
const half = () => 0.5;

describe('decideRetry', () => {
  it('waits exactly the Retry-After of a 429 and marks the tenant throttled', () => {
    assert.deepEqual(decideRetry({ status: 429, retryAfterMs: 3_000 }, fresh, half), {
      action: 'retry',
      delayMs: 3_000,
      throttled: true,
    });
  });

  it('backs off exponentially with jitter on a 429 without Retry-After', () => {
    const first = decideRetry({ status: 429 }, fresh, highest);
    const fourth = decideRetry({ status: 429 }, { failures: 0, throttles: 3 }, highest);
    assert.equal(first.action === 'retry' && first.delayMs, 999);
    assert.equal(fourth.action === 'retry' && fourth.delayMs, 7_999);
    const low = decideRetry({ status: 429 }, fresh, () => 0);
    assert.equal(low.action === 'retry' && low.delayMs, 0);
  });

  it('caps an absurd Retry-After at one hour', () => {
    const decision = decideRetry({ status: 429, retryAfterMs: 86_400_000 }, fresh, half);
    assert.equal(decision.action === 'retry' && decision.delayMs, 3_600_000);
  });

  it('does not count 429s against the attempts left for errors', () => {
    const decision = decideRetry({ status: 503 }, { failures: 0, throttles: 40 }, half);
    assert.equal(decision.action, 'retry');
  });

  it('gives up on a message throttled too many times', () => {
    const decision = decideRetry(
      { status: 429 },
      { failures: 0, throttles: MAX_DELIVERY_THROTTLES - 1 },
      half,
    );
    assert.equal(decision.action, 'failed');
  });

  for (const status of [412, 502, 503, 504]) {
    it(`retries a ${status} with full jitter under a doubling ceiling`, () => {
      const decision = decideRetry({ status }, { failures: 2, throttles: 0 }, highest);
      assert.equal(decision.action, 'retry');
      assert.equal(decision.action === 'retry' && decision.throttled, false);
      assert.equal(decision.action === 'retry' && decision.delayMs, RETRY_BASE_DELAY_MS * 4 - 1);
    });
  }

  it('retries network errors like gateway errors', () => {
    const decision = decideRetry({}, fresh, half);
    assert.deepEqual(decision, {
      action: 'retry',
      delayMs: RETRY_BASE_DELAY_MS / 2,
      throttled: false,
    });
  });

  it('never waits longer than the backoff cap', () => {
    const decision = decideRetry(
      { status: 503 },
      { failures: MAX_DELIVERY_ATTEMPTS - 2, throttles: 0 },
      highest,
    );
    assert.ok(decision.action === 'retry' && decision.delayMs < RETRY_MAX_DELAY_MS);
  });

  it('fails a message after the last allowed attempt', () => {
    const decision = decideRetry(
      { status: 503 },
      { failures: MAX_DELIVERY_ATTEMPTS - 1, throttles: 0 },
      half,
    );
    assert.deepEqual(decision, {
      action: 'failed',
      reason: `503 after ${MAX_DELIVERY_ATTEMPTS} attempts`,
    });
  });

  it('marks a user who blocked the bot unreachable, never to be retried', () => {
    for (const code of ['MessageWritesBlocked', 'ConversationBlockedByUser']) {
      assert.deepEqual(decideRetry({ status: 403, code }, fresh, half), {
        action: 'unreachable',
        reason: `403 ${code}`,
      });
    }
  });

  it('marks a conversation that no longer exists unreachable', () => {
    assert.equal(
      decideRetry({ status: 404, code: 'ConversationNotFound' }, fresh, half).action,
      'unreachable',
    );
    assert.equal(decideRetry({ status: 404 }, fresh, half).action, 'unreachable');
  });

  it('fails other client errors at once, since sending the same request again cannot help', () => {
    assert.deepEqual(decideRetry({ status: 400, code: 'BadArgument' }, fresh, half), {
      action: 'failed',
      reason: '400 BadArgument',
    });
    assert.equal(decideRetry({ status: 403, code: 'Forbidden' }, fresh, half).action, 'failed');
    assert.equal(decideRetry({ status: 413 }, fresh, half).action, 'failed');
  });
});
