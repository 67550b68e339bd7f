import type { Applicant, Candidacy } from '../candidacies/candidacy';
import type { CandidacyDeps } from '../candidacies/candidacy-deps';
import { getProgrammeDay } from '../candidacies/get-call-status';
import { refuse, type Outcome } from '../candidacies/refusal';
import type { Programme } from '../programmes/programme';
import { promoteFromWaitlist } from './promote-from-waitlist';

/**
 * An accepted candidate confirms or declines participation, up to and including the confirmation
 * day (Europe/Paris). Declining frees the place, which goes to the waitlist.
 */
export async function confirmParticipation(
  deps: CandidacyDeps,
  input: { programme: Programme; applicant: Applicant; answer: 'confirm' | 'decline' },
): Promise<Outcome<Candidacy>> {
  const { programme, applicant, answer } = input;
  const now = deps.clock.now();
  const today = getProgrammeDay(deps.clock);
  const { outcome, freed } = await deps.candidacies.transact(programme.id, (all) => {
    const unchanged = (outcome: Outcome<Candidacy>) => ({ result: { outcome, freed: false } });
    const current = all.find((c) => c.applicant.aadId === applicant.aadId);
    if (current === undefined) return unchanged(refuse('notFound'));
    if (current.status === 'confirmed' && answer === 'confirm') {
      return unchanged({ ok: true, value: current });
    }
    if (current.status !== 'accepted') {
      return unchanged(refuse('notAccepted', { status: current.status }));
    }
    if (current.confirmBy !== null && today > current.confirmBy) {
      return unchanged(refuse('confirmationClosed', { confirmBy: current.confirmBy }));
    }
    const updated: Candidacy =
      answer === 'confirm'
        ? { ...current, status: 'confirmed', confirmedAt: now, updatedAt: now }
        : { ...current, status: 'withdrawn', updatedAt: now };
    return {
      save: [updated],
      result: { outcome: { ok: true as const, value: updated }, freed: answer === 'decline' },
    };
  });
  if (outcome.ok && freed) {
    await promoteFromWaitlist(deps, programme, {
      candidacyId: outcome.value.id,
      reason: 'declined',
    });
  }
  return outcome;
}
