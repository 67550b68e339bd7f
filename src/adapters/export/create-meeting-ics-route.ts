import type restify from 'restify';
import {
  findInvitedMeeting,
  isMeetingIcsToken,
  type MeetingIcsDeps,
  type MeetingRef,
} from '../../core/meetings/create-meeting-ics-link';
import { CALENDAR_MEETING_KINDS, type CalendarMeetingKind } from '../../core/meetings/meeting';
import type { CandidacyDeps } from '../../core/candidacies/candidacy-deps';
import type { ConversationStore } from '../../core/ports/conversation-store';
import type { Logger } from '../../logger';
import { computeExportSignature, type ExportLinkClaims } from './sign-export-link';
import { redeemSignedDownload } from './redeem-signed-download';
import { writeMeetingIcs } from './write-meeting-ics';

/** Path of the meetings' .ics download route; the token id follows. */
export const MEETING_ICS_ROUTE_PREFIX = '/exports/meetings/';

/**
 * The signed link of a meeting's .ics file, signed like the other exports. The meeting is named
 * in the query: the route checks again that the link's owner is invited to it.
 */
export function signMeetingIcsLink(
  baseUrl: string,
  claims: ExportLinkClaims,
  meeting: MeetingRef,
  key: string,
): string {
  const query = new URLSearchParams({
    admin: claims.adminAadId,
    expires: String(claims.expiresAt.getTime()),
    sig: computeExportSignature(claims, key),
    programme: meeting.programmeId,
    kind: meeting.kind,
    team: meeting.teamId,
    period: meeting.period,
  });
  return `${baseUrl.replace(/\/+$/, '')}${MEETING_ICS_ROUTE_PREFIX}${encodeURIComponent(claims.tokenId)}?${query.toString()}`;
}

/** What the route needs. */
export interface MeetingIcsRouteDeps {
  core: Pick<CandidacyDeps, 'exportTokens' | 'audit' | 'clock'>;
  meetings: MeetingIcsDeps['meetings'];
  conversations: Pick<ConversationStore, 'getUserContext'>;
  signingKey: string;
  logger: Logger;
}

/**
 * GET /exports/meetings/:tokenId?admin=…&expires=…&sig=…&programme=…&kind=…&team=…&period=…: the
 * meeting's current version as an .ics file, for someone invited to it, behind the exports'
 * signed, single-use, 15-minute link.
 */
export function createMeetingIcsRoute(deps: MeetingIcsRouteDeps): (server: restify.Server) => void {
  return (server) => {
    server.get(`${MEETING_ICS_ROUTE_PREFIX}:tokenId`, async (req, res) => {
      const download = await redeemSignedDownload(req, res, deps, {
        accepts: isMeetingIcsToken,
        what: 'meeting',
      });
      if (download === undefined) return;
      const query = new URL(req.url ?? '', 'http://localhost').searchParams;
      const kind = query.get('kind') ?? '';
      const meeting = CALENDAR_MEETING_KINDS.includes(kind as CalendarMeetingKind)
        ? await findInvitedMeeting(
            deps,
            {
              programmeId: query.get('programme') ?? '',
              kind: kind as CalendarMeetingKind,
              teamId: query.get('team') ?? '',
              period: query.get('period') ?? '',
            },
            download.token.adminAadId,
          )
        : undefined;
      if (meeting === undefined) {
        download.refuse(403, 'export.page.invalid');
        return;
      }
      res.setHeader(
        'content-type',
        `text/calendar; charset=utf-8; method=${meeting.droppedAt === undefined ? 'PUBLISH' : 'CANCEL'}`,
      );
      res.setHeader('content-disposition', 'attachment; filename="reunion.ics"');
      // An invitation names the meeting and its time: no browser or proxy keeps a copy.
      res.setHeader('cache-control', 'no-store');
      res.sendRaw(200, writeMeetingIcs(meeting, deps.core.clock.now()));
      deps.logger.info('meeting invitation downloaded');
    });
  };
}
