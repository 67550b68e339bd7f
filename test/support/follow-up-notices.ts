import assert from 'node:assert/strict';
import type { FollowUpPlanInput } from '../../src/core/follow-up/team-context';
import { planFollowUpSends } from '../../src/core/follow-up/plan-follow-up-sends';
import { SEND_KINDS } from '../../src/core/follow-up/planned-send';
import { runPlannedSend } from '../../src/core/follow-up/run-planned-send';
import type { Notice } from '../../src/core/ports/notifier';
import {
  aCheckinAnswer,
  example2026Input,
  InMemoryAbsenceStore,
  InMemoryCheckinStore,
  InMemoryReviewStore,
  RecordingNotifier,
} from './follow-up-fakes';

/**
 * One notice of every follow-up kind (check-in, reminder, alert, reviews, review pack), as the
 * follow-up job queues them for team 2 of `input` (the 2026 example by default); the review pack
 * carries October's answer with `helpText` as its help request.
 */
export async function followUpNoticesOfEveryKind(
  input: FollowUpPlanInput = example2026Input(),
  helpText = 'Animer',
): Promise<Notice[]> {
  const notifier = new RecordingNotifier();
  const packs = new InMemoryCheckinStore();
  await packs.save(
    aCheckinAnswer({ month: '2026-10', help: { category: 'method', text: helpText } }),
  );
  const deps = {
    notifier,
    checkins: new InMemoryCheckinStore(),
    reviews: new InMemoryReviewStore(),
    absences: new InMemoryAbsenceStore(),
  };
  const sends = planFollowUpSends(input, {
    from: new Date('2026-09-01T00:00:00Z'),
    to: new Date('2027-04-01T00:00:00Z'),
  });
  for (const kind of SEND_KINDS) {
    const send = sends.find((s) => s.kind === kind && s.teamId === 'team-2');
    assert.ok(send, kind);
    await runPlannedSend(send, input, {
      ...deps,
      checkins: kind === 'review.pack' ? packs : deps.checkins,
    });
  }
  return notifier.calls.map((call) => call.notice);
}
