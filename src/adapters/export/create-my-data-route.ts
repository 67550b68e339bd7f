import type restify from 'restify';
import { isMyDataToken } from '../../core/personal-data/create-my-data-link';
import type { PersonalDataDeps } from '../../core/personal-data/personal-data-deps';
import type { ConversationStore } from '../../core/ports/conversation-store';
import type { MessageKey } from '../../i18n/fr';
import type { Logger } from '../../logger';
import { computeExportSignature, type ExportLinkClaims } from './sign-export-link';
import { redeemSignedDownload } from './redeem-signed-download';
import { writePersonalDataZip } from './write-personal-data-zip';

/** Path of the "my data" download route; the token id follows. */
export const MY_DATA_ROUTE_PREFIX = '/exports/my-data/';

/** The signed link of a "my data" download, signed like the other exports. */
export function signMyDataLink(baseUrl: string, claims: ExportLinkClaims, key: string): string {
  const query = new URLSearchParams({
    admin: claims.adminAadId,
    expires: String(claims.expiresAt.getTime()),
    sig: computeExportSignature(claims, key),
  });
  return `${baseUrl.replace(/\/+$/, '')}${MY_DATA_ROUTE_PREFIX}${encodeURIComponent(claims.tokenId)}?${query.toString()}`;
}

/** What the route needs. */
export interface MyDataRouteDeps {
  core: Pick<PersonalDataDeps, 'store' | 'exportTokens' | 'audit' | 'clock'>;
  conversations: Pick<ConversationStore, 'getUserContext'>;
  signingKey: string;
  logger: Logger;
}

/**
 * GET /exports/my-data/:tokenId?admin=…&expires=…&sig=…: the data of the person the token was
 * issued to (and only theirs) as a ZIP, behind the exports' signed, single-use, 15-minute link.
 */
export function createMyDataRoute(deps: MyDataRouteDeps): (server: restify.Server) => void {
  return (server) => {
    server.get(`${MY_DATA_ROUTE_PREFIX}:tokenId`, async (req, res) => {
      const download = await redeemSignedDownload(req, res, deps, {
        accepts: isMyDataToken,
        what: 'personal data',
      });
      if (download === undefined) return;
      const { token, t } = download;
      const person = (await deps.core.store.findPerson(token.adminAadId)) ?? {
        aadId: token.adminAadId,
        email: null,
        name: null,
      };
      const now = deps.core.clock.now();
      const body = await writePersonalDataZip(await deps.core.store.collect(person), {
        aadId: person.aadId,
        createdAt: now,
        categoryName: (category) => t(`personalData.category.${category}` as MessageKey),
      });
      const stamp = now.toISOString().slice(0, 10);
      res.setHeader('content-type', 'application/zip');
      res.setHeader('content-disposition', `attachment; filename="mes-donnees-${stamp}.zip"`);
      // Personal data: no browser or proxy may keep a copy.
      res.setHeader('cache-control', 'no-store');
      res.sendRaw(200, body);
      deps.logger.info('personal data downloaded');
    });
  };
}
