import { loadConfig } from '../../../src/config';
import { openDatabase } from '../../../src/adapters/sql/open-database';
import { SqlCandidacyStore } from '../../../src/adapters/sql/sql-candidacy-store';
import { toDatabaseOptions } from '../../../src/adapters/sql/to-database-options';
import type { Candidacy } from '../../../src/core/candidacies/candidacy';

/** A team another organisation proposed, already accepted by the Lab. */
export interface AcceptedTeam {
  organisationId: string;
  teamName: string;
  referent: { aadId: string; name: string };
  /** The other members, by e-mail (as the form takes them from outside Teams). */
  memberEmails: string[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Writes accepted team candidacies of other organisations into the bot's database before it
 * starts, as the demo seed writes its participants: the Playground has one user, so the other
 * referents cannot apply through its cards. Submitted days before the run, so they keep their
 * place ahead of the team the test submits. Opening the database migrates it, as the bot does.
 */
export async function seedAcceptedTeams(
  env: NodeJS.ProcessEnv,
  programmeId: string,
  teams: readonly AcceptedTeam[],
  now = new Date(),
): Promise<void> {
  const database = await openDatabase(toDatabaseOptions(loadConfig(env)));
  try {
    const submittedAt = new Date(now.getTime() - 5 * DAY_MS);
    const decidedAt = new Date(now.getTime() - DAY_MS);
    const candidacies = teams.map((team, index): Candidacy => ({
      id: `e2e-team-${index + 1}`,
      programmeId,
      mode: 'team',
      applicant: team.referent,
      organisationId: team.organisationId,
      status: 'accepted',
      answers: {
        mode: 'team',
        teamName: team.teamName,
        members: team.memberEmails.map((email) => ({ kind: 'email', email })),
        projectIdea: 'Un parcours d’intégration des nouveaux agents, construit avec eux.',
        sponsor: 'La directrice des ressources humaines',
        availableForKickOff: true,
        availableForHackathon: true,
      },
      seatCount: team.memberEmails.length + 1,
      endorsement: null,
      consentAt: submittedAt,
      submittedAt: new Date(submittedAt.getTime() + index * 60_000),
      updatedAt: decidedAt,
      decidedAt,
      decidedBy: 'e2e-seed',
      waitlistedAt: null,
      confirmBy: new Date(now.getTime() + 6 * DAY_MS).toISOString().slice(0, 10),
      confirmedAt: null,
    }));
    await new SqlCandidacyStore(database.db).transact(programmeId, () => ({
      save: candidacies,
      result: undefined,
    }));
  } finally {
    await database.close();
  }
}
