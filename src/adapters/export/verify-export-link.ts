import { timingSafeEqual } from 'node:crypto';
import { computeExportSignature, type ExportLinkClaims } from './sign-export-link';

// Token ids come from the id source (UUIDs); anything else is refused before the database.
const TOKEN_ID = /^[A-Za-z0-9-]{1,64}$/;

/** The link's claims when its signature is right, else undefined (whatever was tampered with). */
export function verifyExportLink(
  tokenId: string,
  query: URLSearchParams,
  key: string,
): ExportLinkClaims | undefined {
  const admin = query.get('admin');
  const expires = Number(query.get('expires'));
  const signature = query.get('sig');
  if (!TOKEN_ID.test(tokenId) || admin === null || signature === null) return undefined;
  if (!Number.isSafeInteger(expires)) return undefined;
  const claims = { tokenId, adminAadId: admin, expiresAt: new Date(expires) };
  const expected = Buffer.from(computeExportSignature(claims, key));
  const given = Buffer.from(signature);
  // Constant-time comparison, so the signature cannot be guessed byte by byte from timings.
  return given.length === expected.length && timingSafeEqual(given, expected) ? claims : undefined;
}
