import assert from 'node:assert/strict';
import { createFollowUpJob } from '../../../src/jobs/create-follow-up-job';
import { createScheduledJob, type ScheduledJob } from '../../../src/jobs/create-scheduled-job';
import { createLogger } from '../../../src/logger';
import {
  InMemoryAbsenceStore,
  InMemoryCheckinStore,
  InMemoryConversationStore,
  InMemoryOccurrenceStore,
  InMemoryProgrammeStore,
  InMemoryProgrammeTeamStore,
  InMemoryReviewStore,
  loadExample2026,
  ManualClock,
  PEOPLE,
  RecordingNotifier,
} from '../../support/follow-up-fakes';

describe('createFollowUpJob', () => {
  let clock: ManualClock;
  let notifier: RecordingNotifier;
  let conversations: InMemoryConversationStore;
  let occurrences: InMemoryOccurrenceStore;
  let job: ScheduledJob;

  const keys = (): string[] => notifier.calls.map((call) => call.key);

  beforeEach(async () => {
    const { programme, teams } = loadExample2026();
    const programmes = new InMemoryProgrammeStore();
    const teamStore = new InMemoryProgrammeTeamStore();
    await programmes.save(programme);
    await teamStore.replaceAll(programme.id, teams);
    clock = new ManualClock(new Date('2026-08-31T12:00:00Z'));
    notifier = new RecordingNotifier();
    conversations = new InMemoryConversationStore();
    occurrences = new InMemoryOccurrenceStore();
    const logger = createLogger('silent');
    const definition = createFollowUpJob({
      programmes,
      teams: teamStore,
      conversations,
      labAdminIds: [],
      notifier,
      checkins: new InMemoryCheckinStore(),
      reviews: new InMemoryReviewStore(),
      absences: new InMemoryAbsenceStore(),
      logger,
    });
    job = createScheduledJob(definition, { occurrences, clock, owner: 'test', logger });
  });

  it('sends nothing before the first check-in is due, then each card once', async () => {
    await job.tick();
    assert.deepEqual(keys(), []);
    clock.set('2026-09-01T07:30:00Z');
    await job.tick();
    await job.tick();
    assert.deepEqual(keys().sort(), [
      'checkin:2026-09:defi-du-lab-2026/team-2/channel',
      'checkin:2026-09:defi-du-lab-2026/team-2/lead',
      'checkin:2026-09:defi-du-lab-2026/team-3/channel',
      'checkin:2026-09:defi-du-lab-2026/team-3/lead',
      'checkin:2026-09:defi-du-lab-2026/team-4/channel',
      'checkin:2026-09:defi-du-lab-2026/team-4/lead',
    ]);
  });

  it('catches up a check-in missed by two days, but not a reminder whose day has passed', async () => {
    // Down from 31 August to Thursday 3 September, 10:00 in Paris.
    clock.set('2026-09-03T08:00:00Z');
    await job.tick();
    assert.equal(keys().filter((key) => key.startsWith('checkin:2026-09')).length, 8);
    clock.set('2026-09-05T08:00:00Z');
    await job.tick();
    // The day-3 reminders were due on Friday 4 September and are gone with their day.
    assert.deepEqual(
      keys().filter((key) => key.startsWith('checkin-reminder')),
      [],
    );
  });

  it('follows a zone reported by Teams after the calendar was first computed', async () => {
    clock.set('2026-09-01T06:00:00Z');
    await job.tick();
    await conversations.recordUserContext({
      aadId: PEOPLE.pieter,
      locale: 'fr-BE',
      timezone: 'America/Cayenne',
      seenAt: clock.now(),
    });
    clock.set('2026-09-01T07:30:00Z');
    await job.tick();
    assert.ok(!keys().includes('checkin:2026-09:defi-du-lab-2026/team-4/lead'));
    clock.set('2026-09-01T12:30:00Z');
    await job.tick();
    assert.ok(keys().includes('checkin:2026-09:defi-du-lab-2026/team-4/lead'));
  });
});
