import { UndeliverableNoticeError } from '../ports/notifier';
import { type Programme, getOrganisationName } from '../programmes/programme';
import type { Candidacy } from './candidacy';
import type { CandidacyDeps } from './candidacy-deps';

/**
 * Sends the line manager the endorsement card when the directory knows them. A manager not yet
 * known to the bot finds the request with the "avis" command once they talk to it. When the
 * manager cannot be reached at all (no chat with the bot, and it could not be installed for
 * them), the candidate is told so, to ask their manager to open the bot.
 */
export async function requestEndorsement(
  deps: Pick<CandidacyDeps, 'notifier'>,
  programme: Programme,
  candidacy: Candidacy,
): Promise<boolean> {
  const endorsement = candidacy.endorsement;
  if (endorsement === null || endorsement.managerAadId === null) return false;
  const key = endorsementKey(programme.id, candidacy.id, endorsement.requestedAt);
  try {
    await notifyManager(deps, programme, candidacy, key, endorsement.managerAadId);
  } catch (error) {
    if (!(error instanceof UndeliverableNoticeError)) throw error;
    await tellCandidate(deps, programme, candidacy, key);
    return false;
  }
  return true;
}

/** The endorsement request's idempotency key: one request per candidacy and asking. */
function endorsementKey(programmeId: string, candidacyId: string, requestedAt: Date): string {
  return `endorsement:${programmeId}:${candidacyId}:${requestedAt.getTime()}`;
}

/**
 * A message reached its person by no route in the end (Teams refused it for good and no e-mail
 * went, or the e-mail itself failed). When it was an endorsement request still awaiting the
 * manager, the candidate is told, as when the manager could not be reached at once: under the
 * same key, so never twice. Any other message is left to the Lab digest. True when told.
 */
export async function tellCandidateIfEndorsementUnreached(
  deps: Pick<CandidacyDeps, 'notifier' | 'candidacies'> & {
    programmes: { get(id: string): Promise<Programme | undefined> };
  },
  messageKey: string,
): Promise<boolean> {
  const match = /^endorsement:([^:]+):([^:]+):(\d+)$/.exec(messageKey);
  if (match === null) return false;
  const [, programmeId, candidacyId, at] = match as unknown as [string, string, string, string];
  const candidacy = await deps.candidacies.get(candidacyId);
  const endorsement = candidacy?.endorsement;
  // Only the request still awaited, as it was asked (not one the manager answered meanwhile).
  if (
    candidacy === undefined ||
    candidacy.programmeId !== programmeId ||
    endorsement == null ||
    endorsement.status !== 'pending' ||
    endorsement.requestedAt.getTime() !== Number(at)
  ) {
    return false;
  }
  const programme = await deps.programmes.get(programmeId);
  if (programme === undefined) return false;
  await tellCandidate(deps, programme, candidacy, messageKey);
  return true;
}

async function tellCandidate(
  deps: Pick<CandidacyDeps, 'notifier'>,
  programme: Programme,
  candidacy: Candidacy,
  key: string,
): Promise<void> {
  await deps.notifier.notify(
    `${key}:unreachable`,
    { kind: 'user', aadId: candidacy.applicant.aadId },
    {
      kind: 'candidacy.endorsementUnreachable',
      data: {
        programmeId: programme.id,
        programmeName: programme.name,
        managerEmail: candidacy.endorsement?.managerEmail ?? '',
      },
    },
  );
}

async function notifyManager(
  deps: Pick<CandidacyDeps, 'notifier'>,
  programme: Programme,
  candidacy: Candidacy,
  key: string,
  managerAadId: string,
): Promise<void> {
  await deps.notifier.notify(
    key,
    { kind: 'user', aadId: managerAadId },
    {
      kind: 'candidacy.endorsementRequest',
      data: {
        programmeId: programme.id,
        programmeName: programme.name,
        candidacyId: candidacy.id,
        candidateName: candidacy.applicant.name,
        organisationId: candidacy.organisationId,
        organisationName: getOrganisationName(programme, candidacy.organisationId),
        motivation: candidacy.answers.mode === 'individual' ? candidacy.answers.motivation : '',
      },
    },
  );
}
