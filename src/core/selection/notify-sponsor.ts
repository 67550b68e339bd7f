import type { Candidacy } from '../candidacies/candidacy';
import type { CandidacyDeps } from '../candidacies/candidacy-deps';
import { UndeliverableNoticeError } from '../ports/notifier';
import { getOrganisationName, type Programme } from '../programmes/programme';

/** The decisions a team's sponsor hears of: the Lab accepts the team, or does not retain it. */
const DECISIONS_TOLD_TO_SPONSOR: readonly Candidacy['status'][] = ['accepted', 'declined'];

/**
 * Tells the sponsor a team candidacy names by e-mail of the Lab's decision, as the line manager
 * of an individual candidacy is reached: through the directory (Entra when Graph is configured)
 * and the outbox, which installs the bot for them when it can. When the sponsor cannot be
 * reached (unknown address, no chat with the bot, installation refused), the referent is told,
 * to pass the decision on. Returns whether the sponsor's notice was queued.
 */
export async function notifySponsor(
  deps: Pick<CandidacyDeps, 'notifier' | 'directory'>,
  programme: Programme,
  candidacy: Candidacy,
): Promise<boolean> {
  const { answers } = candidacy;
  if (answers.mode !== 'team' || answers.sponsorEmail === undefined) return false;
  if (!DECISIONS_TOLD_TO_SPONSOR.includes(candidacy.status)) return false;
  const key = `decision:${programme.id}:${candidacy.id}:${candidacy.status}:${
    candidacy.decidedAt?.getTime() ?? 0
  }:sponsor`;
  const sponsor = await deps.directory.findByEmail(answers.sponsorEmail);
  // A referent who names themselves as sponsor already has the decision card.
  if (sponsor !== undefined && sameId(sponsor.aadId, candidacy.applicant.aadId)) return false;
  const data = {
    programmeId: programme.id,
    programmeName: programme.name,
    teamName: answers.teamName,
    organisationName: getOrganisationName(programme, candidacy.organisationId),
    referentName: candidacy.applicant.name,
    status: candidacy.status,
  };
  if (sponsor !== undefined) {
    try {
      await deps.notifier.notify(
        key,
        { kind: 'user', aadId: sponsor.aadId },
        { kind: 'selection.sponsorDecision', data },
      );
      return true;
    } catch (error) {
      if (!(error instanceof UndeliverableNoticeError)) throw error;
    }
  }
  await deps.notifier.notify(
    `${key}:unreachable`,
    { kind: 'user', aadId: candidacy.applicant.aadId },
    {
      kind: 'selection.sponsorUnreachable',
      data: { ...data, sponsorEmail: answers.sponsorEmail },
    },
  );
  return false;
}

// Entra object ids are GUIDs whose case differs between Teams and files.
function sameId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
