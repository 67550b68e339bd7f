import type restify from 'restify';
import {
  BADGES_EXPORT_TOKEN_PREFIX,
  buildBadgeTable,
  buildSessionExportTables,
  isSessionExportToken,
  type SessionExportDeps,
} from '../../core/lab-sessions/export-sessions';
import type { ConversationStore } from '../../core/ports/conversation-store';
import type { ExportTable } from '../../core/selection/build-export-tables';
import type { MessageKey } from '../../i18n/fr';
import type { Translate } from '../../i18n/translate';
import type { Logger } from '../../logger';
import { computeExportSignature, type ExportLinkClaims } from './sign-export-link';
import { redeemSignedDownload } from './redeem-signed-download';
import { writeWorkbookXlsx } from './write-export-xlsx';

/** Path of the Lab sessions' download route; the token id follows. */
export const SESSION_EXPORT_ROUTE_PREFIX = '/exports/lab-sessions/';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The signed link of a Lab sessions' download, signed like the other exports. */
export function signSessionExportLink(
  baseUrl: string,
  claims: ExportLinkClaims,
  key: string,
): string {
  const query = new URLSearchParams({
    admin: claims.adminAadId,
    expires: String(claims.expiresAt.getTime()),
    sig: computeExportSignature(claims, key),
  });
  return `${baseUrl.replace(/\/+$/, '')}${SESSION_EXPORT_ROUTE_PREFIX}${encodeURIComponent(claims.tokenId)}?${query.toString()}`;
}

/** What the route needs. */
export interface SessionExportRouteDeps {
  core: Pick<SessionExportDeps, 'exportTokens' | 'audit' | 'clock' | 'sessions'>;
  conversations: Pick<ConversationStore, 'getUserContext'>;
  signingKey: string;
  /** Whether the person a link was issued to is still in the Lab team. */
  mayDownload: (aadId: string) => boolean;
  logger: Logger;
}

/**
 * GET /exports/lab-sessions/:tokenId?admin=…&expires=…&sig=…: the requests and sessions, or one
 * session's badge list, as .xlsx, behind the exports' signed, single-use, 15-minute link. Only
 * tokens issued for these exports are accepted here.
 */
export function createSessionExportRoute(
  deps: SessionExportRouteDeps,
): (server: restify.Server) => void {
  return (server) => {
    server.get(`${SESSION_EXPORT_ROUTE_PREFIX}:tokenId`, async (req, res) => {
      const download = await redeemSignedDownload(req, res, deps, {
        accepts: isSessionExportToken,
        what: 'Lab session export',
      });
      if (download === undefined) return;
      const { token, t, refuse } = download;
      const now = deps.core.clock.now();
      const stamp = now.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
      let body: Buffer;
      let filename: string;
      if (token.id.startsWith(BADGES_EXPORT_TOKEN_PREFIX)) {
        const badges = await buildBadgeTable(deps.core, token.programmeId);
        if (badges === undefined) return refuse(404, 'export.page.invalid');
        body = await writeWorkbookXlsx(
          [{ name: t('labSession.export.sheet.badges'), table: badges.table }],
          (id) => t(`labSession.export.column.${id}` as MessageKey),
          now,
        );
        filename = `${badges.request.trackingNumber}-badges-${stamp}.xlsx`;
      } else {
        const tables = await buildSessionExportTables(deps.core);
        body = await writeWorkbookXlsx(
          [
            { name: t('labSession.export.sheet.requests'), table: wordCodes(tables.requests, t) },
            { name: t('labSession.export.sheet.sessions'), table: wordCodes(tables.sessions, t) },
          ],
          (id) => t(`labSession.export.column.${id}` as MessageKey),
          now,
        );
        filename = `sessions-du-lab-${stamp}.xlsx`;
      }
      res.setHeader('content-type', XLSX);
      res.setHeader('content-disposition', `attachment; filename="${filename}"`);
      // Personal data: no browser or proxy may keep a copy.
      res.setHeader('cache-control', 'no-store');
      res.sendRaw(200, body);
      deps.logger.info('Lab session export downloaded');
    });
  };
}

/** Statuses and decisions in words, in the admin's language. */
function wordCodes(table: ExportTable, t: Translate): ExportTable {
  const status = table.columns.findIndex((c) => c.id === 'status');
  const decision = table.columns.findIndex((c) => c.id === 'decision');
  return {
    columns: table.columns,
    rows: table.rows.map((row) =>
      row.map((cell, index) => {
        if (typeof cell !== 'string') return cell;
        if (index === status) return t(`labSession.status.${cell}` as MessageKey);
        if (index === decision) return t(`labSession.decision.${cell}` as MessageKey);
        return cell;
      }),
    ),
  };
}
