import type { Programme } from '../programmes/programme';
import type { Applicant, Candidacy, CandidacyDraft } from './candidacy';
import { isLive } from './candidacy';
import type { CandidacyDeps } from './candidacy-deps';
import { checkCallOpen, getCallStatus, getProgrammeDay, type CallStatus } from './get-call-status';
import type { Refusal } from './refusal';

/** What the form card shows an applicant: their candidacy or draft, and whether they may edit. */
export interface CandidacyFormState {
  callStatus: CallStatus;
  candidacy: Candidacy | undefined;
  draft: CandidacyDraft | undefined;
  /** Why the form is read-only (call not open or closed, decision taken); undefined when editable. */
  readOnly: Refusal | undefined;
}

/** Loads the applicant's form: read-only outside the call, or once the Lab has decided. */
export async function getCandidacyForm(
  deps: Pick<CandidacyDeps, 'candidacies' | 'clock'>,
  { programme, applicant }: { programme: Programme; applicant: Applicant },
): Promise<CandidacyFormState> {
  const today = getProgrammeDay(deps.clock);
  const candidacy = await deps.candidacies.findByApplicant(programme.id, applicant.aadId);
  const draft = await deps.candidacies.getDraft(programme.id, applicant.aadId);
  const closed = checkCallOpen(programme, today);
  let readOnly: Refusal | undefined = closed?.ok === false ? closed.refusal : undefined;
  if (
    readOnly === undefined &&
    candidacy !== undefined &&
    isLive(candidacy) &&
    candidacy.status !== 'submitted'
  ) {
    readOnly = { code: 'notEditable', params: { status: candidacy.status } };
  }
  return { callStatus: getCallStatus(programme, today), candidacy, draft, readOnly };
}
