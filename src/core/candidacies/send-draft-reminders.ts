import type { Programme } from '../programmes/programme';
import type { CandidacyDeps } from './candidacy-deps';
import { getProgrammeDay } from './get-call-status';
import { listDraftReminders } from './list-draft-reminders';

/** Queues today's draft reminders for a programme; returns how many were queued. For the scheduler. */
export async function sendDraftReminders(
  deps: Pick<CandidacyDeps, 'candidacies' | 'clock' | 'notifier'>,
  programme: Programme,
): Promise<number> {
  const reminders = listDraftReminders(
    programme,
    await deps.candidacies.listDrafts(programme.id),
    await deps.candidacies.list(programme.id),
    getProgrammeDay(deps.clock),
  );
  for (const reminder of reminders) {
    await deps.notifier.notify(reminder.idempotencyKey, reminder.recipient, reminder.notice);
  }
  return reminders.length;
}
