import type { CandidacyDeps } from '../candidacies/candidacy-deps';
import type { Outcome } from '../candidacies/refusal';
import type { Person } from '../people/role';
import type { ExportToken } from '../ports/export-token-store';
import type { Programme } from '../programmes/programme';
import { createExportLink } from '../selection/create-export-link';

/** Review export tokens start with this, so the review download accepts only its own tokens. */
export const REVIEW_EXPORT_TOKEN_PREFIX = 'reviews-';

/**
 * Issues a single-use link to the programme's check-ins and review outcomes (.xlsx) for one Lab
 * team member: the candidacy export's permission (15 minutes, one admin, audited), marked as a
 * review export by its id.
 */
export function createReviewExportLink(
  deps: Pick<CandidacyDeps, 'exportTokens' | 'clock' | 'ids'>,
  input: { programme: Programme; actor: Person },
): Promise<Outcome<ExportToken>> {
  return createExportLink(
    { ...deps, ids: { newId: () => `${REVIEW_EXPORT_TOKEN_PREFIX}${deps.ids.newId()}` } },
    { ...input, format: 'xlsx' },
  );
}

/** True for a token issued by createReviewExportLink. */
export function isReviewExportToken(tokenId: string): boolean {
  return tokenId.startsWith(REVIEW_EXPORT_TOKEN_PREFIX);
}
