import type { CandidacyDeps } from '../candidacies/candidacy-deps';
import { refuse, type Outcome } from '../candidacies/refusal';
import type { ExportToken } from '../ports/export-token-store';

/**
 * Spends an export token for the admin the link names: refused when unknown, issued to someone
 * else, expired or already used. Two downloads racing with one link cannot both succeed.
 */
export async function redeemExportLink(
  deps: Pick<CandidacyDeps, 'exportTokens' | 'audit' | 'clock'>,
  input: { tokenId: string; adminAadId: string },
): Promise<Outcome<ExportToken>> {
  const token = await deps.exportTokens.get(input.tokenId);
  if (token === undefined) return refuse('notFound');
  if (token.adminAadId.toLowerCase() !== input.adminAadId.toLowerCase()) return refuse('forbidden');
  const now = deps.clock.now();
  if (now.getTime() >= token.expiresAt.getTime()) return refuse('linkExpired');
  if (token.usedAt !== null || !(await deps.exportTokens.consume(token.id, now))) {
    return refuse('linkUsed');
  }
  await deps.audit.append({
    at: now,
    actor: token.adminAadId,
    action: 'export.download',
    programmeId: token.programmeId,
    subjectId: token.id,
    details: { format: token.format },
  });
  return { ok: true, value: { ...token, usedAt: now } };
}
