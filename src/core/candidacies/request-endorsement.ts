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
  const key = `endorsement:${programme.id}:${candidacy.id}:${endorsement.requestedAt.getTime()}`;
  try {
    await notifyManager(deps, programme, candidacy, key, endorsement.managerAadId);
  } catch (error) {
    if (!(error instanceof UndeliverableNoticeError)) throw error;
    await deps.notifier.notify(
      `${key}:unreachable`,
      { kind: 'user', aadId: candidacy.applicant.aadId },
      {
        kind: 'candidacy.endorsementUnreachable',
        data: {
          programmeId: programme.id,
          programmeName: programme.name,
          managerEmail: endorsement.managerEmail,
        },
      },
    );
    return false;
  }
  return true;
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
