import { type Programme, getOrganisationName } from '../programmes/programme';
import type { Candidacy } from './candidacy';
import type { CandidacyDeps } from './candidacy-deps';

/**
 * Sends the line manager the endorsement card when the directory knows them. A manager not yet
 * known to the bot finds the request with the "avis" command once they talk to it.
 */
export async function requestEndorsement(
  deps: Pick<CandidacyDeps, 'notifier'>,
  programme: Programme,
  candidacy: Candidacy,
): Promise<boolean> {
  const endorsement = candidacy.endorsement;
  if (endorsement === null || endorsement.managerAadId === null) return false;
  await deps.notifier.notify(
    `endorsement:${programme.id}:${candidacy.id}:${endorsement.requestedAt.getTime()}`,
    { kind: 'user', aadId: endorsement.managerAadId },
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
  return true;
}
