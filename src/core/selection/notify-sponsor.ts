import { SEAT_HOLDING_STATUSES, type Candidacy } from '../candidacies/candidacy';
import type { CandidacyDeps } from '../candidacies/candidacy-deps';
import { UndeliverableNoticeError } from '../ports/notifier';
import { getOrganisationName, type Programme } from '../programmes/programme';
import type { ProgrammeTeam } from '../programmes/programme-team';

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

/** A review's outcome as the sponsor hears of it. */
export interface ReviewOutcomeForSponsor {
  review: 'december' | 'march';
  decision: string;
  nextSteps: string;
  owner: string;
  /** The outcome's revision: a corrected outcome is told again. */
  revision: number;
}

/**
 * Tells the sponsor of a team that came from a team candidacy the outcome of its December or
 * March review: the team's lead is the candidacy's referent (team mode keeps teams as proposed),
 * and the candidacy names the sponsor by e-mail. Reached as for the decision; when the sponsor
 * cannot be reached, nothing more is sent (the team and the Lab have the outcome). Returns whether
 * the sponsor's notice was queued.
 */
export async function notifySponsorOfReview(
  deps: Pick<CandidacyDeps, 'notifier' | 'directory' | 'candidacies'>,
  programme: Programme,
  team: ProgrammeTeam,
  outcome: ReviewOutcomeForSponsor,
): Promise<boolean> {
  if (programme.intakeMode !== 'team') return false;
  const candidacy = (await deps.candidacies.list(programme.id)).find(
    (c) =>
      c.answers.mode === 'team' &&
      SEAT_HOLDING_STATUSES.includes(c.status) &&
      sameId(c.applicant.aadId, team.leadAadId),
  );
  if (candidacy?.answers.mode !== 'team' || candidacy.answers.sponsorEmail === undefined) {
    return false;
  }
  const sponsor = await deps.directory.findByEmail(candidacy.answers.sponsorEmail);
  if (sponsor === undefined || sameId(sponsor.aadId, team.leadAadId)) return false;
  try {
    await deps.notifier.notify(
      `review:${programme.id}:${team.id}:${outcome.review}:${outcome.revision}:sponsor`,
      { kind: 'user', aadId: sponsor.aadId },
      {
        kind: 'selection.sponsorReview',
        data: {
          programmeId: programme.id,
          programmeName: programme.name,
          teamName: candidacy.answers.teamName,
          organisationName: getOrganisationName(programme, candidacy.organisationId),
          review: outcome.review,
          decision: outcome.decision,
          nextSteps: outcome.nextSteps,
          owner: outcome.owner,
        },
      },
    );
    return true;
  } catch (error) {
    if (!(error instanceof UndeliverableNoticeError)) throw error;
    return false;
  }
}

// Entra object ids are GUIDs whose case differs between Teams and files.
function sameId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
