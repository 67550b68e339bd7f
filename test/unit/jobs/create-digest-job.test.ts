import assert from 'node:assert/strict';
import { createDigestJob, DIGEST_CATCH_UP_MS } from '../../../src/jobs/create-digest-job';
import { DEFAULT_WEEKLY_SCHEDULE } from '../../../src/core/digests/get-weekly-digest-due';
import { createLogger } from '../../../src/logger';
import { createDigestProgramme, FixedDigestSource } from '../../support/digest-fixtures';
import {
  InMemoryProgrammeStore,
  InMemoryProgrammeTeamStore,
  RecordingNotifier,
} from '../../support/follow-up-fakes';

async function createJob(now: Date) {
  const programmes = new InMemoryProgrammeStore();
  await programmes.save(createDigestProgramme());
  const notifier = new RecordingNotifier();
  const job = createDigestJob({
    source: new FixedDigestSource(),
    clock: { now: () => now },
    programmes,
    teams: new InMemoryProgrammeTeamStore(),
    notifier,
    labChannelId: '19:lab@thread.tacv2',
    labAdminIds: [],
    schedule: DEFAULT_WEEKLY_SCHEDULE,
    logger: createLogger('silent'),
  });
  return { job, notifier };
}

describe('createDigestJob', () => {
  it('has one occurrence a week, Monday 09:00 Paris, caught up within a day', async () => {
    const now = new Date('2026-03-31T10:00:00.000Z');
    const { job } = await createJob(now);
    const due = new Date('2026-03-30T07:00:00.000Z');
    assert.deepEqual(await job.listOccurrences(now), [
      {
        key: 'digest:2026-03-30:weekly',
        dueAt: due,
        expiresAt: new Date(due.getTime() + DIGEST_CATCH_UP_MS),
      },
    ]);
  });

  it('queues the week’s digests under keys naming the week', async () => {
    const now = new Date('2026-03-30T07:00:00.000Z');
    const { job, notifier } = await createJob(now);
    const [occurrence] = await job.listOccurrences(now);
    await job.execute(occurrence!);
    assert.deepEqual(
      notifier.calls.map((c) => c.key),
      ['digest:2026-03-30:defi-digest/lab'],
    );
  });
});
