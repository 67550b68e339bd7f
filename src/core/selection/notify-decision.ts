import type { Candidacy } from '../candidacies/candidacy';
import type { Notifier } from '../ports/notifier';
import type { Programme } from '../programmes/programme';

/**
 * Queues the decision card for the candidate (the referent in team mode). The key names the
 * decision's instant, so a repeated call is harmless and a later decision gets its own card.
 */
export async function notifyDecision(
  notifier: Notifier,
  programme: Programme,
  candidacy: Candidacy,
  promoted = false,
): Promise<void> {
  const decidedAt = candidacy.decidedAt?.getTime() ?? 0;
  await notifier.notify(
    `decision:${programme.id}:${candidacy.id}:${candidacy.status}:${decidedAt}`,
    { kind: 'user', aadId: candidacy.applicant.aadId },
    {
      kind: 'selection.decision',
      data: {
        programmeId: programme.id,
        programmeName: programme.name,
        candidacyId: candidacy.id,
        status: candidacy.status,
        confirmBy: candidacy.confirmBy,
        promoted,
      },
    },
  );
}
