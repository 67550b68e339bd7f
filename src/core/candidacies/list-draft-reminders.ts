import type { Notice, NoticeRecipient } from '../ports/notifier';
import type { Programme } from '../programmes/programme';
import { addDays } from '../scheduling/local-days';
import { type Candidacy, type CandidacyDraft, isLive } from './candidacy';

/** Days before the closing day when unfinished drafts get their reminder, from the call's rules. */
export const DRAFT_REMINDER_DAYS_BEFORE_CLOSE = 3;

/** One reminder to send: its idempotency key makes a repeated run harmless. */
export interface DraftReminder {
  idempotencyKey: string;
  recipient: NoticeRecipient;
  notice: Notice;
}

/**
 * The reminders due on `today` for drafts never submitted. Due from 3 days before the closing
 * day through the closing day itself, so a scheduler that was down on the day catches up; the
 * key (one per applicant and programme) makes sure each draft is reminded once.
 */
export function listDraftReminders(
  programme: Programme,
  drafts: readonly CandidacyDraft[],
  candidacies: readonly Candidacy[],
  today: string,
): DraftReminder[] {
  const close = programme.milestones.candidacyClose;
  if (today < addDays(close, -DRAFT_REMINDER_DAYS_BEFORE_CLOSE) || today > close) return [];
  const submitted = new Set(candidacies.filter(isLive).map((c) => c.applicant.aadId));
  return drafts
    .filter((draft) => draft.programmeId === programme.id)
    .filter((draft) => !submitted.has(draft.applicant.aadId))
    .map((draft) => ({
      idempotencyKey: `draft-reminder:${programme.id}:${draft.applicant.aadId}`,
      recipient: { kind: 'user', aadId: draft.applicant.aadId },
      notice: {
        kind: 'candidacy.draftReminder',
        data: { programmeId: programme.id, programmeName: programme.name, closeDay: close },
      },
    }));
}
