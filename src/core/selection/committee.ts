import type { CommitteeMember, Programme } from '../programmes/programme';

/** The programme's committee member with this Entra object id, if any (ids compared case-insensitively). */
export function getCommitteeMember(
  programme: Programme,
  aadId: string,
): CommitteeMember | undefined {
  return (programme.committee ?? []).find(
    (member) => member.aadId.toLowerCase() === aadId.toLowerCase(),
  );
}

/** The single criterion scored when a programme names none. */
export const OVERALL_CRITERION = { id: 'overall', label: 'Appréciation générale' };

/** The criteria a committee member scores: the programme's, or one overall score. */
export function getCriteria(programme: Programme): { id: string; label: string }[] {
  const criteria = programme.criteria ?? [];
  return criteria.length > 0 ? criteria : [OVERALL_CRITERION];
}

/** The card field id of a criterion's score. */
export function toScoreFieldId(criterionId: string): string {
  return `score.${criterionId}`;
}
