import {
  type Programme,
  findOrganisationByEmail,
  getOrganisationName,
} from '../programmes/programme';
import { type Candidacy, type Applicant, type Endorsement, isLive } from './candidacy';
import type { CandidacyDeps } from './candidacy-deps';
import { checkCallOpen, getProgrammeDay } from './get-call-status';
import { refuse, type Outcome } from './refusal';
import { requestEndorsement } from './request-endorsement';
import { validateCandidacyForm } from './candidacy-form';

/** A form submitted from the card: the programme, who submits, and the fields as sent. */
export interface SubmitCandidacyInput {
  programme: Programme;
  applicant: Applicant;
  fields: Record<string, unknown>;
}

/**
 * Submits a candidacy, or edits the applicant's submitted one, while the call is open. Nothing is
 * stored from an invalid form; a stored submission replaces the applicant's draft. In team mode
 * an organisation sends at most `teamsPerOrganisation` teams.
 */
export async function submitCandidacy(
  deps: CandidacyDeps,
  { programme, applicant, fields }: SubmitCandidacyInput,
): Promise<Outcome<Candidacy>> {
  const closed = checkCallOpen(programme, getProgrammeDay(deps.clock));
  if (closed !== undefined) return closed;

  const form = validateCandidacyForm(fields, programme, applicant);
  if (!form.ok) return refuse('invalid', { count: form.issues.length }, form.issues);
  // The organisation is the one the applicant's address says, when it says one: a declared
  // other one would let them be scored by colleagues of their own organisation.
  const known = findOrganisationByEmail(programme, applicant.email);
  if (known !== undefined && known.id !== form.organisationId) {
    const issue = {
      path: ['organisationId'],
      code: 'organisationMismatch' as const,
      params: { organisation: known.name },
    };
    return refuse('invalid', { count: 1 }, [issue]);
  }
  const answers =
    known === undefined
      ? form.answers
      : { ...form.answers, organisationCheckedBy: 'emailDomain' as const };
  const seatCount = form.seatCount;
  const managerEmail = form.answers.mode === 'individual' ? form.answers.managerEmail : null;
  const wantsEndorsement = programme.endorsementRequired === true && managerEmail !== null;
  // Looked up before the transaction: a directory may be slow, and the lock must stay short.
  const manager = wantsEndorsement ? await deps.directory.findByEmail(managerEmail) : undefined;
  if (manager !== undefined && manager.aadId.toLowerCase() === applicant.aadId.toLowerCase()) {
    // The address is another of the applicant's own (an alias the directory knows).
    const issues = [{ path: ['managerEmail'], code: 'notYourself' as const, params: {} }];
    return refuse('invalid', { count: 1 }, issues);
  }
  const now = deps.clock.now();

  const outcome = await deps.candidacies.transact(
    programme.id,
    (all): { result: Outcome<Candidacy>; save?: Candidacy[]; deleteDraftOf?: string } => {
      const existing = all.find((candidacy) => candidacy.applicant.aadId === applicant.aadId);
      if (existing !== undefined && !['submitted', 'withdrawn'].includes(existing.status)) {
        return { result: refuse('notEditable', { status: existing.status }) };
      }
      if (programme.intakeMode === 'team') {
        const max = programme.teamIntake?.teamsPerOrganisation ?? 1;
        const teams = all.filter(
          (candidacy) =>
            candidacy.id !== existing?.id &&
            candidacy.organisationId === form.organisationId &&
            isLive(candidacy),
        ).length;
        if (teams >= max) {
          return {
            result: refuse('teamQuotaReached', {
              organisation: getOrganisationName(programme, form.organisationId),
              max,
            }),
          };
        }
      }
      const resubmitted = existing === undefined || existing.status === 'withdrawn';
      let endorsement: Endorsement | null = null;
      if (wantsEndorsement && managerEmail !== null) {
        const previous = resubmitted ? null : (existing?.endorsement ?? null);
        endorsement =
          previous?.managerEmail === managerEmail
            ? previous
            : {
                managerEmail,
                managerAadId: manager?.aadId ?? null,
                status: 'pending',
                comment: '',
                requestedAt: now,
                answeredAt: null,
                answeredBy: null,
              };
      }
      const candidacy: Candidacy = {
        id: existing?.id ?? deps.ids.newId(),
        programmeId: programme.id,
        mode: programme.intakeMode,
        // Only who applied is kept; their e-mail served the check above.
        applicant: { aadId: applicant.aadId, name: applicant.name },
        organisationId: form.organisationId,
        status: 'submitted',
        answers,
        seatCount,
        endorsement,
        consentAt: now,
        submittedAt: resubmitted ? now : (existing?.submittedAt ?? now),
        updatedAt: now,
        decidedAt: null,
        decidedBy: null,
        waitlistedAt: null,
        confirmBy: null,
        confirmedAt: null,
      };
      return {
        save: [candidacy],
        deleteDraftOf: applicant.aadId,
        result: { ok: true, value: candidacy },
      };
    },
    // The step looks at the applicant's own candidacy and, in team mode, at their organisation's.
    {
      applicantAadId: applicant.aadId,
      ...(programme.intakeMode === 'team' ? { organisationId: form.organisationId } : {}),
    },
  );

  const endorsement = outcome.ok ? outcome.value.endorsement : null;
  if (outcome.ok && endorsement !== null && endorsement.requestedAt.getTime() === now.getTime()) {
    await requestEndorsement(deps, programme, outcome.value);
  }
  return outcome;
}
