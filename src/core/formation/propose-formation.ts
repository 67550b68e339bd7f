import type { Programme } from '../programmes/programme';
import { formTeams } from '../team-formation/form-teams';
import type {
  TeamFormationInput,
  TeamFormationLanguage,
  TeamFormationResult,
  TeamLock,
} from '../team-formation/team-formation';
import type { FormationDraft, FormationParticipant } from './formation-draft';
import { planTeamSizes } from './plan-team-sizes';

/** A formation to show: the engine's result for the draft, or why the rules cannot be met. */
export type FormationView =
  | { ok: true; draft: FormationDraft; result: TeamFormationResult }
  | { ok: false; explanation: string[] };

/** The engine input for a programme's participants, with the given locks. */
export function toFormationInput(
  programme: Programme,
  participants: readonly FormationParticipant[],
  sizes: { teamCount: number; minSize: number; maxSize: number },
  locked: readonly TeamLock[],
): TeamFormationInput {
  const branchOf = new Map(programme.organisations.map((o) => [o.id, o.branch]));
  return {
    people: participants.map((p) => ({
      id: p.aadId,
      organisation: p.organisationId,
      branch: branchOf.get(p.organisationId) ?? 'partenaire',
      ...(p.role === undefined ? {} : { role: p.role }),
      ...(p.region === undefined ? {} : { region: p.region }),
      ...(p.themes === undefined ? {} : { themes: p.themes }),
    })),
    teamCount: sizes.teamCount,
    minSize: sizes.minSize,
    maxSize: sizes.maxSize,
    facilitators: (programme.facilitators ?? []).map((f) => ({
      id: f.aadId,
      organisation: f.organisationId,
    })),
    locked,
    organisations: programme.organisations.map((o) => ({ id: o.id, name: o.name })),
  };
}

/**
 * Runs the engine for a draft. With `lockAll`, everyone stays where the draft's assignment puts
 * them: that is how a manual move is checked against the hard rules and rescored.
 */
export function evaluateDraft(
  programme: Programme,
  participants: readonly FormationParticipant[],
  draft: Omit<FormationDraft, 'assignment'> & { assignment: TeamLock[] },
  options: { lockAll: boolean; language: TeamFormationLanguage },
): FormationView {
  const locks = options.lockAll ? draft.assignment : draft.userLocks;
  const outcome = formTeams(toFormationInput(programme, participants, draft, locks), {
    seed: draft.seed,
    language: options.language,
  });
  if (!outcome.feasible) return { ok: false, explanation: outcome.explanation };
  const assignment = outcome.result.teams.flatMap((team, index) =>
    team.members.map((person) => ({ person, team: index })),
  );
  const order = new Map(participants.map((p, i) => [p.aadId, i]));
  assignment.sort((a, b) => (order.get(a.person) ?? 0) - (order.get(b.person) ?? 0));
  return { ok: true, draft: { ...draft, assignment }, result: outcome.result };
}

/** A fresh proposal: team count and sizes planned from the participants, the engine run with the seed. */
export function proposeFormation(
  programme: Programme,
  participants: readonly FormationParticipant[],
  options: {
    seed: number;
    userLocks: TeamLock[];
    now: Date;
    by: string;
    language: TeamFormationLanguage;
  },
): FormationView {
  const perOrganisation = new Map<string, number>();
  for (const p of participants) {
    perOrganisation.set(p.organisationId, (perOrganisation.get(p.organisationId) ?? 0) + 1);
  }
  const sizes = planTeamSizes(participants.length, Math.max(0, ...perOrganisation.values()));
  return evaluateDraft(
    programme,
    participants,
    {
      programmeId: programme.id,
      seed: options.seed,
      ...sizes,
      userLocks: options.userLocks,
      assignment: [],
      updatedAt: options.now,
      updatedBy: options.by,
    },
    { lockAll: false, language: options.language },
  );
}
