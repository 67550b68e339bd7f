import { createHmac } from 'node:crypto';

/** Path of the download route; the token id follows. */
export const EXPORT_ROUTE_PREFIX = '/exports/';

/** What a download link carries, all covered by its signature. */
export interface ExportLinkClaims {
  tokenId: string;
  adminAadId: string;
  expiresAt: Date;
}

/** The HMAC-SHA256 (base64url) of the link's claims, one per line so no field can bleed into another. */
export function computeExportSignature(claims: ExportLinkClaims, key: string): string {
  return createHmac('sha256', key)
    .update(`${claims.tokenId}\n${claims.adminAadId.toLowerCase()}\n${claims.expiresAt.getTime()}`)
    .digest('base64url');
}

/** The signed download link for one admin: `{base}/exports/{token}?admin=…&expires=…&sig=…`. */
export function signExportLink(baseUrl: string, claims: ExportLinkClaims, key: string): string {
  const query = new URLSearchParams({
    admin: claims.adminAadId,
    expires: String(claims.expiresAt.getTime()),
    sig: computeExportSignature(claims, key),
  });
  return `${baseUrl.replace(/\/+$/, '')}${EXPORT_ROUTE_PREFIX}${encodeURIComponent(claims.tokenId)}?${query.toString()}`;
}
