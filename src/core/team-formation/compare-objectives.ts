/**
 * Score differences below this are rounding noise from summing floats in a different order,
 * far below the smallest real change (one member out of the largest team, weighted, is > 0.01).
 */
export const SCORE_EPSILON = 1e-9;

/** Lexicographic order of formations: the worst team first, then the total (so the mean). */
export function compareObjectives(
  worstA: number,
  sumA: number,
  worstB: number,
  sumB: number,
): number {
  if (worstA > worstB + SCORE_EPSILON) return 1;
  if (worstA < worstB - SCORE_EPSILON) return -1;
  if (sumA > sumB + SCORE_EPSILON) return 1;
  if (sumA < sumB - SCORE_EPSILON) return -1;
  return 0;
}
