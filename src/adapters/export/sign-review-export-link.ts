import { computeExportSignature, type ExportLinkClaims } from './sign-export-link';

/** Path of the review export's download route; the token id follows. */
export const REVIEW_EXPORT_ROUTE_PREFIX = '/exports/reviews/';

/**
 * The signed download link of a review export, signed like the candidacy export's:
 * `{base}/exports/reviews/{token}?admin=…&expires=…&sig=…`.
 */
export function signReviewExportLink(
  baseUrl: string,
  claims: ExportLinkClaims,
  key: string,
): string {
  const query = new URLSearchParams({
    admin: claims.adminAadId,
    expires: String(claims.expiresAt.getTime()),
    sig: computeExportSignature(claims, key),
  });
  return `${baseUrl.replace(/\/+$/, '')}${REVIEW_EXPORT_ROUTE_PREFIX}${encodeURIComponent(claims.tokenId)}?${query.toString()}`;
}
