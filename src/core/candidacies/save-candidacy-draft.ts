import type { Programme } from '../programmes/programme';
import { type Applicant, type CandidacyDraft, isLive } from './candidacy';
import type { CandidacyDeps } from './candidacy-deps';
import { pickFormFields } from './candidacy-form';
import { checkCallOpen, getProgrammeDay } from './get-call-status';
import { refuse, type Outcome } from './refusal';

/**
 * Keeps an unfinished form as a draft, unvalidated, so the applicant can come back to it until
 * the call closes. Once a candidacy is submitted, changes go through submitCandidacy instead.
 */
export async function saveCandidacyDraft(
  deps: Pick<CandidacyDeps, 'candidacies' | 'clock'>,
  input: { programme: Programme; applicant: Applicant; fields: Record<string, unknown> },
): Promise<Outcome<CandidacyDraft>> {
  const { programme, applicant } = input;
  const closed = checkCallOpen(programme, getProgrammeDay(deps.clock));
  if (closed !== undefined) return closed;
  const existing = await deps.candidacies.findByApplicant(programme.id, applicant.aadId);
  if (existing !== undefined && isLive(existing)) {
    return refuse('notEditable', { status: existing.status });
  }
  const draft: CandidacyDraft = {
    programmeId: programme.id,
    applicant,
    fields: pickFormFields(input.fields),
    updatedAt: deps.clock.now(),
  };
  await deps.candidacies.saveDraft(draft);
  return { ok: true, value: draft };
}
