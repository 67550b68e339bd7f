import assert from 'node:assert/strict';
import { listDraftReminders } from '../../../../src/core/candidacies/list-draft-reminders';
import { saveCandidacyDraft } from '../../../../src/core/candidacies/save-candidacy-draft';
import { sendDraftReminders } from '../../../../src/core/candidacies/send-draft-reminders';
import { submitCandidacy } from '../../../../src/core/candidacies/submit-candidacy';
import type { CandidacyDraft } from '../../../../src/core/candidacies/candidacy';
import {
  applicant,
  createTestProgramme,
  individualFields,
} from '../../../support/candidacy-programme';
import { createCandidacyTestKit } from '../../../support/candidacy-fakes';

describe('listDraftReminders', () => {
  const programme = createTestProgramme();
  const draft = (n: number): CandidacyDraft => ({
    programmeId: programme.id,
    applicant: applicant(n),
    fields: {},
    updatedAt: new Date('2026-03-10T10:00:00Z'),
  });

  it('reminds unfinished drafts from 3 days before closing through the closing day', () => {
    assert.equal(listDraftReminders(programme, [draft(1)], [], '2026-03-30').length, 0);
    assert.equal(listDraftReminders(programme, [draft(1)], [], '2026-03-31').length, 1);
    assert.equal(listDraftReminders(programme, [draft(1)], [], '2026-04-03').length, 1);
    assert.equal(listDraftReminders(programme, [draft(1)], [], '2026-04-04').length, 0);
  });

  it('gives each draft one idempotency key whatever the day, so it is reminded once', () => {
    const [first] = listDraftReminders(programme, [draft(1)], [], '2026-03-31');
    const [second] = listDraftReminders(programme, [draft(1)], [], '2026-04-01');
    assert.equal(first?.idempotencyKey, `draft-reminder:defi-test:${applicant(1).aadId}`);
    assert.equal(first?.idempotencyKey, second?.idempotencyKey);
    assert.deepEqual(first?.notice, {
      kind: 'candidacy.draftReminder',
      data: { programmeId: 'defi-test', programmeName: programme.name, closeDay: '2026-04-03' },
    });
  });

  it('skips applicants who submitted since', async () => {
    const kit = createCandidacyTestKit({ now: '2026-03-31T08:00:00.000Z' });
    await saveCandidacyDraft(kit.deps, { programme, applicant: applicant(1), fields: {} });
    await saveCandidacyDraft(kit.deps, { programme, applicant: applicant(2), fields: {} });
    // Submitting deletes the draft; keep one anyway to check the filter on candidacies.
    await submitCandidacy(kit.deps, {
      programme,
      applicant: applicant(2),
      fields: individualFields(),
    });
    await kit.store.saveDraft(draft(2));
    assert.equal(await sendDraftReminders(kit.deps, programme), 1);
    assert.deepEqual(kit.notifier.notices[0]?.recipient, {
      kind: 'user',
      aadId: applicant(1).aadId,
    });
  });
});
