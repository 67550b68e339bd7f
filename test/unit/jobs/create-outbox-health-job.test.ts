import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import type { OutboxCounts, OutboxStore } from '../../../src/core/ports/outbox-store';
import {
  OUTBOX_HEALTH_EVENT,
  createOutboxHealthJob,
} from '../../../src/jobs/create-outbox-health-job';
import { createLogger } from '../../../src/logger';

function outboxWith(counts: OutboxCounts): OutboxStore {
  const unused = (): never => assert.fail('the health job only counts');
  return {
    countByState: (batchId?: string) => {
      assert.equal(batchId, undefined, 'counts the whole outbox');
      return Promise.resolve(counts);
    },
    enqueue: unused,
    enqueueMany: unused,
    claimDue: unused,
    markSent: unused,
    markRetry: unused,
    release: unused,
    markFailed: unused,
    markUnreachable: unused,
    get: unused,
    listUnreachable: unused,
  };
}

describe('the outbox health job', () => {
  it('logs one line at info with the count of each state and nothing else', async () => {
    const stream = new PassThrough();
    const job = createOutboxHealthJob({
      outbox: outboxWith({ pending: 12, sent: 4_310, failed: 2, unreachable: 5 }),
      logger: createLogger('info', stream),
    });
    await job.run();
    stream.end();
    const lines = String(stream.read()).trim().split('\n');
    assert.equal(lines.length, 1);
    const line = JSON.parse(lines[0]!) as Record<string, unknown>;
    assert.equal(line.level, 30, 'info');
    assert.equal(line.event, OUTBOX_HEALTH_EVENT);
    assert.deepEqual([line.pending, line.sent, line.failed, line.unreachable], [12, 4_310, 2, 5]);
    // No key, recipient or payload: only counts, which are no personal data.
    assert.deepEqual(Object.keys(line).sort(), [
      'event',
      'failed',
      'level',
      'msg',
      'pending',
      'sent',
      'service',
      'time',
      'unreachable',
    ]);
  });

  it('runs every five minutes', () => {
    const job = createOutboxHealthJob({
      outbox: outboxWith({ pending: 0, sent: 0, failed: 0, unreachable: 0 }),
      logger: createLogger('silent'),
    });
    assert.equal(job.schedule, '*/5 * * * *');
  });
});
