import assert from 'node:assert/strict';
import { RETENTION_DEFAULTS } from '../../../../src/core/personal-data/personal-data-register';
import type { PersonalDataStore } from '../../../../src/core/ports/personal-data-store';
import { createRetentionJob } from '../../../../src/features/personal-data/personal-data-module';
import { createLogger } from '../../../../src/logger';

describe('the daily retention job', () => {
  it('has one occurrence a Paris day, due at 03:30, that purges as of that instant', async () => {
    const calls: [Date, unknown][] = [];
    const audits: string[] = [];
    const store = {
      purgeExpired: (now: Date, durations: unknown) => {
        calls.push([now, durations]);
        return Promise.resolve({ export_tokens: 2 });
      },
    } as unknown as PersonalDataStore;
    const job = createRetentionJob(
      {
        store,
        pseudonymOf: () => ({ aadId: 'p', name: 'P', email: 'p@x.invalid' }),
        audit: { append: (entry) => Promise.resolve(void audits.push(entry.action)) },
      },
      { list: () => Promise.resolve([]) },
      createLogger('silent'),
    );
    const evening = await job.listOccurrences(new Date('2026-12-04T22:30:00.000Z'));
    const morning = await job.listOccurrences(new Date('2026-12-04T06:00:00.000Z'));
    // 23:30 in Paris is still the 4th; the same day gives the same key, claimed once.
    assert.deepEqual(
      evening.map((o) => o.key),
      ['personal-data-retention:2026-12-04:all'],
    );
    assert.deepEqual(morning, evening);
    assert.equal(evening[0]!.dueAt.toISOString(), '2026-12-04T02:30:00.000Z');
    const next = await job.listOccurrences(new Date('2026-12-04T23:30:00.000Z'));
    assert.equal(next[0]!.key, 'personal-data-retention:2026-12-05:all');
    await job.execute(evening[0]!);
    assert.deepEqual(calls, [[new Date('2026-12-04T02:30:00.000Z'), RETENTION_DEFAULTS]]);
    assert.deepEqual(audits, ['personalData.retention'], 'a run that removed something is audited');
  });
});
