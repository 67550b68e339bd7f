import type { Programme } from '../programmes/programme';
import { promoteFromWaitlist } from './promote-from-waitlist';
import type { Applicant, Candidacy } from '../candidacies/candidacy';
import { holdsSeats, isLive } from '../candidacies/candidacy';
import type { CandidacyDeps } from '../candidacies/candidacy-deps';
import { refuse, type Outcome } from '../candidacies/refusal';

/**
 * Withdraws the applicant's candidacy, at any time, whatever the selection said. A withdrawal
 * that frees seats promotes from the waitlist.
 */
export async function withdrawCandidacy(
  deps: CandidacyDeps,
  { programme, applicant }: { programme: Programme; applicant: Applicant },
): Promise<Outcome<Candidacy>> {
  const now = deps.clock.now();
  const { outcome, freed } = await deps.candidacies.transact(programme.id, (all) => {
    const existing = all.find((candidacy) => candidacy.applicant.aadId === applicant.aadId);
    if (existing === undefined) {
      return { result: { outcome: refuse<Candidacy>('notFound'), freed: false } };
    }
    if (!isLive(existing)) {
      return {
        result: {
          outcome: refuse<Candidacy>('notEditable', { status: existing.status }),
          freed: false,
        },
      };
    }
    const withdrawn: Candidacy = { ...existing, status: 'withdrawn', updatedAt: now };
    return {
      save: [withdrawn],
      result: { outcome: { ok: true as const, value: withdrawn }, freed: holdsSeats(existing) },
    };
  });
  if (outcome.ok && freed) {
    await promoteFromWaitlist(deps, programme, {
      candidacyId: outcome.value.id,
      reason: 'withdrawn',
    });
  }
  return outcome;
}
