import type { CandidacyDeps } from '../../core/candidacies/candidacy-deps';
import { createReviewExportLink } from '../../core/digests/create-review-export-link';
import type { Programme } from '../../core/programmes/programme';
import { signReviewExportLink } from './sign-review-export-link';

/**
 * Issues review export links for the digest card: a single-use permission for the Lab team
 * member, signed into a download link on the bot's public address.
 */
export function createReviewExporter(deps: {
  core: Pick<CandidacyDeps, 'exportTokens' | 'clock' | 'ids'>;
  publicUrl: () => string;
  signingKey: string;
}): (programme: Programme, adminAadId: string) => Promise<string> {
  return async (programme, adminAadId) => {
    const outcome = await createReviewExportLink(deps.core, {
      programme,
      actor: { aadId: adminAadId, roles: new Set(['staff', 'lab']) },
    });
    if (!outcome.ok) throw new Error(`review export refused: ${outcome.refusal.code}`);
    const token = outcome.value;
    return signReviewExportLink(
      deps.publicUrl(),
      { tokenId: token.id, adminAadId: token.adminAadId, expiresAt: token.expiresAt },
      deps.signingKey,
    );
  };
}
