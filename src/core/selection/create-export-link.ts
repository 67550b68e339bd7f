import type { CandidacyDeps } from '../candidacies/candidacy-deps';
import { refuse, type Outcome } from '../candidacies/refusal';
import type { Person } from '../people/role';
import type { ExportFormat, ExportToken } from '../ports/export-token-store';
import type { Programme } from '../programmes/programme';

/** How long an export link works, from the Lab's security rules: 15 minutes. */
export const EXPORT_LINK_TTL_MS = 15 * 60 * 1000;

/**
 * Issues a single-use export permission for one Lab team member, valid 15 minutes, and records it
 * in the audit log. The adapter turns the token into a signed download link.
 */
export async function createExportLink(
  deps: Pick<CandidacyDeps, 'exportTokens' | 'clock' | 'ids'>,
  input: { programme: Programme; actor: Person; format: ExportFormat },
): Promise<Outcome<ExportToken>> {
  const { programme, actor, format } = input;
  if (!actor.roles.has('lab')) return refuse('forbidden');
  const now = deps.clock.now();
  const token: ExportToken = {
    id: deps.ids.newId(),
    programmeId: programme.id,
    adminAadId: actor.aadId,
    format,
    createdAt: now,
    expiresAt: new Date(now.getTime() + EXPORT_LINK_TTL_MS),
    usedAt: null,
  };
  await deps.exportTokens.create(token, {
    at: now,
    actor: actor.aadId,
    action: 'export.link',
    programmeId: programme.id,
    subjectId: token.id,
    details: { format, expiresAt: token.expiresAt.toISOString() },
  });
  return { ok: true, value: token };
}
