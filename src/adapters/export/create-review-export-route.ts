import type restify from 'restify';
import type { CandidacyDeps } from '../../core/candidacies/candidacy-deps';
import {
  buildReviewExportTables,
  CODED_COLUMNS,
  type ReviewExportTables,
} from '../../core/digests/build-review-export-tables';
import { isReviewExportToken } from '../../core/digests/create-review-export-link';
import type { ConversationStore } from '../../core/ports/conversation-store';
import type { FollowUpAnswerSource } from '../../core/ports/follow-up-answer-source';
import type { ProgrammeStore } from '../../core/ports/programme-store';
import type { ProgrammeTeamStore } from '../../core/ports/programme-team-store';
import type { ExportTable } from '../../core/selection/build-export-tables';
import type { MessageKey } from '../../i18n/fr';
import type { Translate } from '../../i18n/translate';
import type { Logger } from '../../logger';
import { REVIEW_EXPORT_ROUTE_PREFIX } from './sign-review-export-link';
import { redeemSignedDownload } from './redeem-signed-download';
import { writeExportXlsx } from './write-export-xlsx';

/** What the review export's download route needs. */
export interface ReviewExportRouteDeps {
  core: Pick<CandidacyDeps, 'exportTokens' | 'audit' | 'clock'>;
  programmes: ProgrammeStore;
  teams: ProgrammeTeamStore;
  answers: FollowUpAnswerSource;
  /** For the admin's language; French when unknown. */
  conversations: Pick<ConversationStore, 'getUserContext'>;
  signingKey: string;
  /** Whether the person a link was issued to may still download (still in the Lab team). */
  mayDownload?: (aadId: string) => boolean;
  logger: Logger;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Message prefixes that word the coded cells, by column. */
const CODE_MESSAGES: Record<(typeof CODED_COLUMNS)[number], string> = {
  status: 'digest.checkinStatus.',
  helpCategory: 'digest.help.',
  review: 'digest.review.',
  kind: 'digest.export.kind.',
  decision: 'digest.export.decision.',
};

/**
 * GET /exports/reviews/:tokenId?admin=…&expires=…&sig=…: the check-ins and review answers of a
 * programme as .xlsx, behind the candidacy export's signed, single-use, 15-minute link. Only
 * tokens issued for a review export are accepted here.
 */
export function createReviewExportRoute(
  deps: ReviewExportRouteDeps,
): (server: restify.Server) => void {
  return (server) => {
    server.get(`${REVIEW_EXPORT_ROUTE_PREFIX}:tokenId`, async (req, res) => {
      const download = await redeemSignedDownload(req, res, deps, {
        accepts: isReviewExportToken,
        what: 'review export',
      });
      if (download === undefined) return;
      const { token, t, refuse } = download;
      const programme = await deps.programmes.get(token.programmeId);
      if (programme === undefined) return refuse(404, 'export.page.invalid');
      const [teams, checkins, reviews] = await Promise.all([
        deps.teams.listByProgramme(programme.id),
        deps.answers.listCheckins(programme.id),
        deps.answers.listReviews(programme.id),
      ]);
      const tables = wordCodes(buildReviewExportTables(programme, teams, checkins, reviews), t);
      const now = deps.core.clock.now();
      // The candidacy export's writer: its two sheets here are the check-ins and the reviews.
      const body = await writeExportXlsx(
        { candidacies: tables.checkins, scores: tables.reviews },
        {
          candidacies: t('digest.export.sheet.checkins'),
          scores: t('digest.export.sheet.reviews'),
        },
        (id, label) => label ?? t(`digest.export.column.${id}` as MessageKey),
        now,
      );
      const stamp = now.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
      res.setHeader('content-type', XLSX);
      res.setHeader(
        'content-disposition',
        `attachment; filename="${programme.id}-suivi-bilans-${stamp}.xlsx"`,
      );
      // Personal data: no browser or proxy may keep a copy.
      res.setHeader('cache-control', 'no-store');
      res.sendRaw(200, body);
      deps.logger.info({ programmeId: programme.id }, 'review export downloaded');
    });
  };
}

/** Replaces status, category, review, kind and decision codes with words in the admin's language. */
function wordCodes(tables: ReviewExportTables, t: Translate): ReviewExportTables {
  const word = (table: ExportTable): ExportTable => {
    const coded = table.columns.map((column) =>
      (CODED_COLUMNS as readonly string[]).includes(column.id)
        ? CODE_MESSAGES[column.id as (typeof CODED_COLUMNS)[number]]
        : undefined,
    );
    return {
      columns: table.columns,
      rows: table.rows.map((row) =>
        row.map((cell, index) => {
          const prefix = coded[index];
          return prefix === undefined || typeof cell !== 'string'
            ? cell
            : t(`${prefix}${cell}` as MessageKey);
        }),
      ),
    };
  };
  return { checkins: word(tables.checkins), reviews: word(tables.reviews) };
}
