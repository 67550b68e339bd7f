import assert from 'node:assert/strict';
import type { ProgrammeStore } from '../../../src/core/ports/programme-store';
import type { Programme } from '../../../src/core/programmes/programme';
import { DEMO_PROGRAMME } from '../../../src/demo/seed-demo-programme';
import { createDailyProgrammeJob } from '../../../src/jobs/create-daily-programme-job';

const store: ProgrammeStore = {
  save: () => Promise.resolve(),
  get: (id) => Promise.resolve(id === DEMO_PROGRAMME.id ? DEMO_PROGRAMME : undefined),
  list: () => Promise.resolve([DEMO_PROGRAMME]),
};

describe('createDailyProgrammeJob', () => {
  it('plans one occurrence per programme for the Paris day, due at the given Paris time', async () => {
    const ran: Programme[] = [];
    const job = createDailyProgrammeJob({
      name: 'draft-reminders',
      time: '09:00',
      programmes: store,
      run: (p) => Promise.resolve(ran.push(p)),
    });
    // 23:30 UTC on 20 March is already 21 March in Paris (UTC+1 in winter).
    const [occurrence] = await job.listOccurrences(new Date('2026-03-20T23:30:00.000Z'));
    assert.equal(occurrence?.key, 'draft-reminders:2026-03-21:defi-du-lab-2026');
    assert.equal(occurrence?.dueAt.toISOString(), '2026-03-21T08:00:00.000Z');
    assert.equal(occurrence?.expiresAt.toISOString(), '2026-03-21T22:59:59.999Z');
    await job.execute(occurrence);
    assert.deepEqual(
      ran.map((p) => p.id),
      ['defi-du-lab-2026'],
    );
  });

  it('follows summer time: 09:00 in Paris is 07:00 UTC in July', async () => {
    const job = createDailyProgrammeJob({
      name: 'lapse',
      time: '09:00',
      programmes: store,
      run: () => Promise.resolve(),
    });
    const [occurrence] = await job.listOccurrences(new Date('2026-07-01T12:00:00.000Z'));
    assert.equal(occurrence?.dueAt.toISOString(), '2026-07-01T07:00:00.000Z');
  });
});
