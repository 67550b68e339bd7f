import type { Candidacy } from '../candidacies/candidacy';
import type { CandidacyDeps } from '../candidacies/candidacy-deps';
import { getProgrammeDay } from '../candidacies/get-call-status';
import type { Programme } from '../programmes/programme';
import { promoteFromWaitlist, SYSTEM_ACTOR } from './promote-from-waitlist';

/**
 * Lapses accepted candidacies whose confirmation day has passed, tells each candidate, and
 * promotes one waitlisted candidate per lapsed place. Safe to run any number of times a day:
 * for the scheduler.
 */
export async function lapseUnconfirmed(
  deps: CandidacyDeps,
  programme: Programme,
): Promise<Candidacy[]> {
  const now = deps.clock.now();
  const today = getProgrammeDay(deps.clock);
  const lapsed = await deps.candidacies.transact(programme.id, (all) => {
    const overdue = all
      .filter((c) => c.status === 'accepted' && c.confirmBy !== null && c.confirmBy < today)
      .map((c): Candidacy => ({ ...c, status: 'lapsed', updatedAt: now }));
    return {
      save: overdue,
      decisions: overdue.map((c) => ({
        programmeId: programme.id,
        candidacyId: c.id,
        kind: 'lapse' as const,
        status: 'lapsed' as const,
        decidedBy: SYSTEM_ACTOR,
        decidedAt: now,
        note: `confirmBy:${c.confirmBy ?? ''}`,
      })),
      audit: overdue.map((c) => ({
        at: now,
        actor: SYSTEM_ACTOR,
        action: 'candidacy.lapse' as const,
        programmeId: programme.id,
        subjectId: c.id,
        details: { confirmBy: c.confirmBy },
      })),
      result: overdue,
    };
  });
  for (const candidacy of lapsed) {
    await deps.notifier.notify(
      `lapse:${programme.id}:${candidacy.id}`,
      { kind: 'user', aadId: candidacy.applicant.aadId },
      {
        kind: 'selection.lapsed',
        data: {
          programmeId: programme.id,
          programmeName: programme.name,
          candidacyId: candidacy.id,
          confirmBy: candidacy.confirmBy,
        },
      },
    );
    await promoteFromWaitlist(deps, programme, { candidacyId: candidacy.id, reason: 'lapsed' });
  }
  return lapsed;
}
