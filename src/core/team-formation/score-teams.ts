import { createTeamScorer } from './create-team-scorer';
import { indexInstance } from './index-instance';
import type { TeamFormationInput } from './team-formation';

/** Unrounded scores of a formation, and its worst and mean, as the engine's objective sees them. */
export interface FormationScores {
  scores: number[];
  worst: number;
  mean: number;
}

/**
 * Scores any formation of the input, given as lists of person ids, with the engine's own scorer:
 * what the benchmark uses to compare other methods with the engine on equal terms.
 */
export function scoreTeams(
  input: TeamFormationInput,
  teams: readonly (readonly string[])[],
): FormationScores {
  const instance = indexInstance(input);
  const scorer = createTeamScorer(instance);
  const index = new Map(instance.personIds.map((id, p) => [id, p]));
  const scores = teams.map((members) =>
    scorer.score(
      members.map((id) => {
        const p = index.get(id);
        if (p === undefined) throw new Error(`unknown person "${id}"`);
        return p;
      }),
      -1,
      -1,
    ),
  );
  return {
    scores,
    worst: Math.min(...scores),
    mean: scores.reduce((sum, score) => sum + score, 0) / scores.length,
  };
}
