import type { ExportToken } from '../ports/export-token-store';
import { EXPORT_LINK_TTL_MS } from '../selection/create-export-link';
import type { PersonalDataDeps } from './personal-data-deps';

/** Tokens of a "my data" download start with this, so only its route accepts them. */
export const MY_DATA_TOKEN_PREFIX = 'mydata-';

/**
 * Issues a single-use, 15-minute permission for the sender to download their own data, and
 * records it. The token names the sender: nobody else's data can come out of it.
 */
export async function createMyDataLink(
  deps: Pick<PersonalDataDeps, 'exportTokens' | 'clock' | 'ids'>,
  input: { aadId: string },
): Promise<ExportToken> {
  const now = deps.clock.now();
  const token: ExportToken = {
    id: `${MY_DATA_TOKEN_PREFIX}${deps.ids.newId()}`,
    programmeId: '',
    adminAadId: input.aadId,
    format: 'xlsx',
    createdAt: now,
    expiresAt: new Date(now.getTime() + EXPORT_LINK_TTL_MS),
    usedAt: null,
  };
  await deps.exportTokens.create(token, {
    at: now,
    actor: input.aadId,
    action: 'personalData.link',
    programmeId: '',
    subjectId: token.id,
    details: { expiresAt: token.expiresAt.toISOString() },
  });
  return token;
}

/** True for a token issued by createMyDataLink. */
export function isMyDataToken(tokenId: string): boolean {
  return tokenId.startsWith(MY_DATA_TOKEN_PREFIX);
}
