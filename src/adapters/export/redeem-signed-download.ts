import type restify from 'restify';
import type { CandidacyDeps } from '../../core/candidacies/candidacy-deps';
import type { ConversationStore } from '../../core/ports/conversation-store';
import type { ExportToken } from '../../core/ports/export-token-store';
import { redeemExportLink } from '../../core/selection/redeem-export-link';
import type { MessageKey } from '../../i18n/fr';
import { createTranslator, toLanguage, type Translate } from '../../i18n/translate';
import type { Logger } from '../../logger';
import { verifyExportLink } from './verify-export-link';

/** What checking a signed download needs. */
export interface SignedDownloadDeps {
  core: Pick<CandidacyDeps, 'exportTokens' | 'audit' | 'clock'>;
  /** For the admin's language; French when unknown. */
  conversations: Pick<ConversationStore, 'getUserContext'>;
  signingKey: string;
  logger: Logger;
  /**
   * Whether the person the link was issued to may still download: a Lab export checks they are
   * still in the Lab team, since a link lives 15 minutes and rights can end within them.
   */
  mayDownload?: (aadId: string) => boolean;
}

/** A download that may go ahead: its spent token, the admin's translator and a way to refuse. */
export interface RedeemedDownload {
  token: ExportToken;
  t: Translate;
  refuse: (status: number, key: MessageKey) => void;
}

/**
 * The steps every signed export download shares: the signature (token, admin, expiry), the kind
 * of token this route serves, then the token spent atomically for that admin. On any refusal the
 * answer is sent (in the admin's language) and undefined returned.
 */
export async function redeemSignedDownload(
  req: restify.Request,
  res: restify.Response,
  deps: SignedDownloadDeps,
  options: { accepts: (tokenId: string) => boolean; what: string },
): Promise<RedeemedDownload | undefined> {
  const param: unknown = (req.params as Record<string, unknown>).tokenId;
  const tokenId = typeof param === 'string' ? param : '';
  const query = new URL(req.url ?? '', 'http://localhost').searchParams;
  const claims = verifyExportLink(tokenId, query, deps.signingKey);
  const context =
    claims === undefined ? undefined : await deps.conversations.getUserContext(claims.adminAadId);
  const t = createTranslator(toLanguage(context?.locale));
  const refuse = (status: number, key: MessageKey): void => {
    res.setHeader('cache-control', 'no-store');
    res.setHeader('content-type', 'text/plain; charset=utf-8');
    res.sendRaw(status, t(key));
  };
  if (claims === undefined || !options.accepts(claims.tokenId)) {
    refuse(403, 'export.page.invalid');
    return undefined;
  }
  if (deps.core.clock.now().getTime() >= claims.expiresAt.getTime()) {
    refuse(410, 'export.page.expired');
    return undefined;
  }
  if (deps.mayDownload !== undefined && !deps.mayDownload(claims.adminAadId)) {
    deps.logger.info({ refusal: 'noLongerAllowed' }, `${options.what} download refused`);
    refuse(403, 'export.page.noLongerAllowed');
    return undefined;
  }
  const redeemed = await redeemExportLink(deps.core, {
    tokenId: claims.tokenId,
    adminAadId: claims.adminAadId,
  });
  if (!redeemed.ok) {
    const code = redeemed.refusal.code;
    deps.logger.info({ refusal: code }, `${options.what} download refused`);
    if (code === 'linkExpired') refuse(410, 'export.page.expired');
    else if (code === 'linkUsed') refuse(410, 'export.page.used');
    else refuse(403, 'export.page.invalid');
    return undefined;
  }
  return { token: redeemed.value, t, refuse };
}
