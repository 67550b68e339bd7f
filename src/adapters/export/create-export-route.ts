import type restify from 'restify';
import type { CandidacyDeps } from '../../core/candidacies/candidacy-deps';
import { isReviewExportToken } from '../../core/digests/create-review-export-link';
import { isSessionExportToken } from '../../core/lab-sessions/export-sessions';
import { isMyDataToken } from '../../core/personal-data/create-my-data-link';
import type { ConversationStore } from '../../core/ports/conversation-store';
import type { ProgrammeStore } from '../../core/ports/programme-store';
import { buildExportTables } from '../../core/selection/build-export-tables';
import { isMessageKey } from '../../i18n/translate';
import type { Logger } from '../../logger';
import { EXPORT_ROUTE_PREFIX } from './sign-export-link';
import { redeemSignedDownload } from './redeem-signed-download';
import { writeExportCsv } from './write-export-csv';
import { writeExportXlsx } from './write-export-xlsx';

/** What the download route needs. */
export interface ExportRouteDeps {
  core: Pick<CandidacyDeps, 'candidacies' | 'scores' | 'exportTokens' | 'audit' | 'clock'>;
  programmes: ProgrammeStore;
  /** For the admin's language; French when unknown. */
  conversations: Pick<ConversationStore, 'getUserContext'>;
  signingKey: string;
  /** Whether the person a link was issued to may still download (still in the Lab team). */
  mayDownload?: (aadId: string) => boolean;
  logger: Logger;
}

const CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const;

/**
 * The signed, single-use export download: GET /exports/:tokenId?admin=…&expires=…&sig=…. The
 * signature covers the token, the admin and the expiry; the token must belong to that admin, be
 * unexpired and unused, and is spent atomically before the file is built.
 */
export function createExportRoute(deps: ExportRouteDeps): (server: restify.Server) => void {
  return (server) => {
    server.get(`${EXPORT_ROUTE_PREFIX}:tokenId`, async (req, res) => {
      // Review exports, "my data" and Lab sessions have their own routes; their tokens are not
      // candidacy exports (and are not spent here).
      const download = await redeemSignedDownload(req, res, deps, {
        accepts: (id) =>
          !isReviewExportToken(id) && !isMyDataToken(id) && !isSessionExportToken(id),
        what: 'export',
      });
      if (download === undefined) return;
      const { token, t, refuse } = download;
      const programme = await deps.programmes.get(token.programmeId);
      if (programme === undefined) return refuse(404, 'export.page.invalid');
      const tables = buildExportTables(
        programme,
        await deps.core.candidacies.list(programme.id),
        await deps.core.scores.listForProgramme(programme.id),
      );
      // A column of the candidacy form is named like its field (short label, else label).
      const headerOf = (id: string, label?: string): string => {
        if (label !== undefined) return label;
        const key = [`export.column.${id}`, `candidacy.short.${id}`, `candidacy.field.${id}`].find(
          isMessageKey,
        );
        return key === undefined ? id : t(key);
      };
      const now = deps.core.clock.now();
      const body =
        token.format === 'xlsx'
          ? await writeExportXlsx(
              tables,
              { candidacies: t('export.sheet.candidacies'), scores: t('export.sheet.scores') },
              headerOf,
              now,
            )
          : writeExportCsv(tables, headerOf);
      const stamp = now.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
      res.setHeader('content-type', CONTENT_TYPES[token.format]);
      res.setHeader(
        'content-disposition',
        `attachment; filename="${programme.id}-candidatures-${stamp}.${token.format}"`,
      );
      // Personal data: no browser or proxy may keep a copy.
      res.setHeader('cache-control', 'no-store');
      res.sendRaw(200, body);
      deps.logger.info({ programmeId: programme.id, format: token.format }, 'export downloaded');
    });
  };
}
