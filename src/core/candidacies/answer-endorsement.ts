import type { Programme } from '../programmes/programme';
import type { Candidacy } from './candidacy';
import type { CandidacyDeps } from './candidacy-deps';
import { checkLength } from './candidacy-form';
import { refuse, type Outcome } from './refusal';
import type { ValidationIssue } from '../validation/validation-issue';

/** Longest comment a manager leaves with their answer. */
export const ENDORSEMENT_COMMENT_MAX_LENGTH = 1_000;

/** The manager's answer from the endorsement card. */
export interface EndorsementAnswer {
  programme: Programme;
  candidacyId: string;
  /** Who answers, as Teams knows them; matched against the manager the candidate named. */
  manager: { aadId: string; email: string | null };
  verdict: 'endorsed' | 'declined';
  comment: string;
}

/**
 * Records the line manager's endorsement or refusal, with a comment, and tells the candidate.
 * Only the manager the candidate named may answer, once.
 */
export async function answerEndorsement(
  deps: CandidacyDeps,
  answer: EndorsementAnswer,
): Promise<Outcome<Candidacy>> {
  const { programme, manager } = answer;
  const comment = answer.comment.trim();
  const issues: ValidationIssue[] = [];
  checkLength('comment', comment, ENDORSEMENT_COMMENT_MAX_LENGTH, issues);
  if (issues.length > 0) return refuse('invalid', { count: issues.length }, issues);
  const now = deps.clock.now();

  const outcome = await deps.candidacies.transact(programme.id, (all) => {
    const candidacy = all.find((c) => c.id === answer.candidacyId);
    if (candidacy === undefined) return { result: refuse<Candidacy>('notFound') };
    const endorsement = candidacy.endorsement;
    if (endorsement === null) return { result: refuse<Candidacy>('noEndorsement') };
    const sameEmail =
      manager.email !== null && manager.email.toLowerCase() === endorsement.managerEmail;
    const sameUser =
      endorsement.managerAadId !== null &&
      endorsement.managerAadId.toLowerCase() === manager.aadId.toLowerCase();
    if (!sameEmail && !sameUser) return { result: refuse<Candidacy>('forbidden') };
    // Whatever address was given, nobody endorses their own candidacy.
    if (candidacy.applicant.aadId.toLowerCase() === manager.aadId.toLowerCase()) {
      return { result: refuse<Candidacy>('ownCandidacy') };
    }
    if (endorsement.status !== 'pending') {
      return { result: refuse<Candidacy>('alreadyAnswered', { status: endorsement.status }) };
    }
    const updated: Candidacy = {
      ...candidacy,
      updatedAt: now,
      endorsement: {
        ...endorsement,
        status: answer.verdict,
        comment,
        answeredAt: now,
        answeredBy: manager.aadId,
      },
    };
    return { save: [updated], result: { ok: true as const, value: updated } };
  });

  if (outcome.ok) {
    await deps.notifier.notify(
      `endorsement-answer:${programme.id}:${outcome.value.id}:${now.getTime()}`,
      { kind: 'user', aadId: outcome.value.applicant.aadId },
      {
        kind: 'candidacy.endorsementAnswered',
        data: {
          programmeId: programme.id,
          programmeName: programme.name,
          candidacyId: outcome.value.id,
          verdict: answer.verdict,
          comment,
        },
      },
    );
  }
  return outcome;
}
