import type { Candidacy } from '../candidacies/candidacy';
import type { CandidacyDeps } from '../candidacies/candidacy-deps';
import { getProgrammeDay } from '../candidacies/get-call-status';
import { getOrganisationName, type Programme } from '../programmes/programme';
import type { DecisionRecord } from '../ports/candidacy-store';
import type { AuditEntry } from '../ports/audit-log';
import { DEFAULT_CONFIRMATION_DAYS } from '../programmes/validate-programme';
import { addDays } from '../scheduling/local-days';
import { findSeatLimit } from './find-seat-limit';
import { notifyDecision } from './notify-decision';
import { notifySponsor } from './notify-sponsor';

/** What freed the seats: a candidacy declined, withdrawn or lapsed. */
export interface PromotionCause {
  candidacyId: string;
  reason: 'declined' | 'withdrawn' | 'lapsed';
}

/** The actor recorded for what the bot decides by itself. */
export const SYSTEM_ACTOR = 'system';

/**
 * Gives a freed place to the waitlist: the candidate waiting longest whose organisation's quota
 * (and the seat count) allows it is accepted. One promotion per freed place, so seats the Lab
 * left empty on purpose stay empty. The promoted candidate gets the decision card; the Lab team
 * is told who was promoted, or that the place stays free.
 */
export async function promoteFromWaitlist(
  deps: CandidacyDeps,
  programme: Programme,
  cause: PromotionCause,
): Promise<Candidacy[]> {
  const now = deps.clock.now();
  const confirmBy = addDays(
    getProgrammeDay(deps.clock),
    programme.confirmationDays ?? DEFAULT_CONFIRMATION_DAYS,
  );
  const promoted = await deps.candidacies.transact(programme.id, (all) => {
    const next = pickNextWaitlisted(programme, all);
    const accepted: Candidacy[] =
      next === undefined
        ? []
        : [
            {
              ...next,
              status: 'accepted',
              decidedAt: now,
              decidedBy: SYSTEM_ACTOR,
              waitlistedAt: null,
              confirmBy,
              confirmedAt: null,
              updatedAt: now,
            },
          ];
    const decisions = accepted.map((c): DecisionRecord => ({
      programmeId: programme.id,
      candidacyId: c.id,
      kind: 'promote',
      status: 'accepted',
      decidedBy: SYSTEM_ACTOR,
      decidedAt: now,
      note: `${cause.reason}:${cause.candidacyId}`,
    }));
    const audit = accepted.map((c): AuditEntry => ({
      at: now,
      actor: SYSTEM_ACTOR,
      action: 'candidacy.promotion',
      programmeId: programme.id,
      subjectId: c.id,
      details: { freedBy: cause.candidacyId, reason: cause.reason, confirmBy },
    }));
    return { save: accepted, decisions, audit, result: accepted };
  });

  for (const candidacy of promoted) {
    await notifyDecision(deps.notifier, programme, candidacy, true);
    await notifySponsor(deps, programme, candidacy);
    for (const recipient of deps.labTeam) {
      await deps.notifier.notify(
        `promotion:${programme.id}:${candidacy.id}:${now.getTime()}:${recipientKey(recipient)}`,
        recipient,
        {
          kind: 'selection.promoted',
          data: {
            programmeId: programme.id,
            programmeName: programme.name,
            candidacyId: candidacy.id,
            candidateName: candidacy.applicant.name,
            organisationName: getOrganisationName(programme, candidacy.organisationId),
            freedBy: cause.candidacyId,
            reason: cause.reason,
          },
        },
      );
    }
  }
  if (promoted.length === 0) {
    for (const recipient of deps.labTeam) {
      await deps.notifier.notify(
        `seat-freed:${programme.id}:${cause.candidacyId}:${now.getTime()}:${recipientKey(recipient)}`,
        recipient,
        {
          kind: 'selection.seatFreed',
          data: {
            programmeId: programme.id,
            programmeName: programme.name,
            freedBy: cause.candidacyId,
            reason: cause.reason,
          },
        },
      );
    }
  }
  return promoted;
}

/** The first waitlisted candidacy (longest waiting, then earliest submitted) that fits the limits. */
export function pickNextWaitlisted(
  programme: Programme,
  candidacies: readonly Candidacy[],
): Candidacy | undefined {
  return candidacies
    .filter((c) => c.status === 'waitlisted')
    .sort(
      (a, b) =>
        (a.waitlistedAt?.getTime() ?? 0) - (b.waitlistedAt?.getTime() ?? 0) ||
        a.submittedAt.getTime() - b.submittedAt.getTime() ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    )
    .find((c) => findSeatLimit(programme, candidacies, c) === undefined);
}

function recipientKey(recipient: CandidacyDeps['labTeam'][number]): string {
  return recipient.kind === 'user' ? recipient.aadId : recipient.conversationId;
}
