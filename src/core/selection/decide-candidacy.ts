import { type Candidacy, type CandidacyStatus, holdsSeats } from '../candidacies/candidacy';
import type { CandidacyDeps } from '../candidacies/candidacy-deps';
import { getProgrammeDay } from '../candidacies/get-call-status';
import { refuse, type Outcome } from '../candidacies/refusal';
import type { Person } from '../people/role';
import type { CandidacyChange, DecisionKind } from '../ports/candidacy-store';
import type { Programme } from '../programmes/programme';
import { DEFAULT_CONFIRMATION_DAYS } from '../programmes/validate-programme';
import { addDays } from '../scheduling/local-days';
import { findSeatLimit } from './find-seat-limit';
import { notifyDecision } from './notify-decision';
import { notifySponsor } from './notify-sponsor';
import { promoteFromWaitlist } from './promote-from-waitlist';

/** What the Lab team decides about a candidacy. */
export type LabDecision = 'accept' | 'waitlist' | 'decline';

/** Longest note the Lab team attaches to a decision (kept in the decision history). */
export const DECISION_NOTE_MAX_LENGTH = 500;

const STATUS_AFTER: Record<LabDecision, CandidacyStatus> = {
  accept: 'accepted',
  waitlist: 'waitlisted',
  decline: 'declined',
};

/** A Lab team member's decision on one candidacy. */
export interface DecideCandidacyInput {
  programme: Programme;
  actor: Person;
  candidacyId: string;
  decision: LabDecision;
  note?: string;
}

/** The decision taken, and whether it changed anything (deciding twice the same is harmless). */
export interface DecisionResult {
  candidacy: Candidacy;
  changed: boolean;
}

/**
 * Accepts, waitlists or declines a candidacy for the Lab team. Accepting checks the seats and the
 * maximum per organisation inside the store's transaction, so two admins deciding at once cannot
 * overfill; the refusal names the limit hit. The candidate gets the decision card; a decline that
 * frees a place promotes from the waitlist.
 */
export async function decideCandidacy(
  deps: CandidacyDeps,
  input: DecideCandidacyInput,
): Promise<Outcome<DecisionResult>> {
  const { programme, actor, decision } = input;
  if (!actor.roles.has('lab')) return refuse('forbidden');
  const now = deps.clock.now();
  const confirmBy = addDays(
    getProgrammeDay(deps.clock),
    programme.confirmationDays ?? DEFAULT_CONFIRMATION_DAYS,
  );
  const note = (input.note ?? '').trim().slice(0, DECISION_NOTE_MAX_LENGTH);
  const target = STATUS_AFTER[decision];

  const { outcome, freed } = await deps.candidacies.transact(
    programme.id,
    (all): CandidacyChange<{ outcome: Outcome<DecisionResult>; freed: boolean }> => {
      const unchanged = (outcome: Outcome<DecisionResult>) => ({
        result: { outcome, freed: false },
      });
      const current = all.find((c) => c.id === input.candidacyId);
      if (current === undefined) return unchanged(refuse('notFound'));
      if (current.status === 'withdrawn' || current.status === 'lapsed') {
        return unchanged(refuse('notEditable', { status: current.status }));
      }
      if (current.status === target || (decision === 'accept' && current.status === 'confirmed')) {
        return unchanged({ ok: true, value: { candidacy: current, changed: false } });
      }
      if (decision === 'accept') {
        const limit = findSeatLimit(programme, all, current);
        if (limit !== undefined) return unchanged({ ok: false, refusal: limit });
      }
      const updated: Candidacy = {
        ...current,
        status: target,
        decidedAt: now,
        decidedBy: actor.aadId,
        waitlistedAt: target === 'waitlisted' ? now : null,
        confirmBy: target === 'accepted' ? confirmBy : null,
        confirmedAt: null,
        updatedAt: now,
      };
      const kind: DecisionKind = decision;
      return {
        save: [updated],
        decisions: [
          {
            programmeId: programme.id,
            candidacyId: updated.id,
            kind,
            status: target,
            decidedBy: actor.aadId,
            decidedAt: now,
            note,
          },
        ],
        audit: [
          {
            at: now,
            actor: actor.aadId,
            action: 'candidacy.decision',
            programmeId: programme.id,
            subjectId: updated.id,
            details: { decision, from: current.status, to: target, note },
          },
        ],
        result: {
          outcome: { ok: true, value: { candidacy: updated, changed: true } },
          // Moving an accepted candidate to the waitlist is the Lab rearranging by hand: no promotion.
          freed: holdsSeats(current) && target === 'declined',
        },
      };
    },
  );

  if (outcome.ok && outcome.value.changed) {
    await notifyDecision(deps.notifier, programme, outcome.value.candidacy);
    await notifySponsor(deps, programme, outcome.value.candidacy);
    if (freed) {
      await promoteFromWaitlist(deps, programme, {
        candidacyId: outcome.value.candidacy.id,
        reason: 'declined',
      });
    }
  }
  return outcome;
}
