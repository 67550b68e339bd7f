import { z } from 'zod';
import {
  createMeetingIcsRoute,
  signMeetingIcsLink,
} from '../../adapters/export/create-meeting-ics-route';
import { SqlMeetingStore } from '../../adapters/sql/sql-meeting-store';
import {
  routeMeetingStores,
  SqlLabSessionMeetingStore,
} from '../../adapters/sql/sql-lab-session-meeting-store';
import { defineCardVerb, PERSONAL_ONLY } from '../../adapters/teams/verbs/card-verb';
import { cardId } from '../../adapters/teams/verbs/card-data';
import { Guards } from '../../adapters/teams/verbs/guard';
import type { Turn } from '../../adapters/teams/verbs/turn';
import type { AdaptiveCardJson } from '../../adapters/teams/cards/render-card';
import { parseOccurrenceKey, toOccurrenceKey, type Occurrence } from '../../core/jobs/occurrence';
import { createMeetingIcsLink } from '../../core/meetings/create-meeting-ics-link';
import { CALENDAR_MEETING_KINDS } from '../../core/meetings/meeting';
import type { ScheduledJobDefinition } from '../../jobs/create-scheduled-job';
import type { FeatureModule } from '../feature-module';
import type { Platform } from '../platform';
import { formatExpiry } from '../selection/selection-cards';
import {
  buildMeetingIcsLinkCard,
  buildMeetingUnknownCard,
  createMeetingRenderers,
} from './meeting-cards';
import { MeetingVerbs } from './meeting-verbs';

const HOUR_MS = 60 * 60 * 1000;

/** The meeting an invitation card names: its key's parts, nothing else. */
const ICS_DATA = z
  .object({
    programmeId: cardId,
    kind: z.enum(CALENDAR_MEETING_KINDS),
    teamId: z.union([z.literal(''), z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/)]),
    period: z.union([z.literal(''), z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/)]),
  })
  .passthrough();

/**
 * Meetings: the hourly reconciliation of every programme's meetings, and, without calendar
 * access, the invitation cards and their .ics files (a signed, single-use link, for an attendee
 * only).
 */
export function createMeetingsModule(
  platform: Pick<
    Platform,
    | 'programmes'
    | 'meetings'
    | 'database'
    | 'candidacyCore'
    | 'config'
    | 'publicUrl'
    | 'conversations'
    | 'logger'
  >,
): FeatureModule {
  const deps = {
    // A Lab session's qualification meeting has its .ics link and file like a programme's.
    meetings: routeMeetingStores(
      new SqlMeetingStore(platform.database.db),
      new SqlLabSessionMeetingStore(platform.database.db),
    ),
    exportTokens: platform.candidacyCore.exportTokens,
    clock: platform.candidacyCore.clock,
    ids: platform.candidacyCore.ids,
  };

  const link = async (turn: Turn, data: z.infer<typeof ICS_DATA>): Promise<AdaptiveCardJson> => {
    // Who may download is decided here from the sender, never from the card: an attendee only.
    const issued = await createMeetingIcsLink(deps, {
      aadId: turn.sender.aadId,
      meeting: {
        programmeId: data.programmeId,
        kind: data.kind,
        teamId: data.teamId,
        period: data.period,
      },
    });
    if (issued === undefined) return buildMeetingUnknownCard(turn.card);
    const { token, meeting } = issued;
    const url = signMeetingIcsLink(
      platform.publicUrl(),
      { tokenId: token.id, adminAadId: token.adminAadId, expiresAt: token.expiresAt },
      meeting,
      platform.config.exportSigningKey,
    );
    return buildMeetingIcsLinkCard(turn.card, {
      subject: meeting.subject,
      url,
      until: formatExpiry(turn.card, token.expiresAt),
    });
  };

  return {
    name: 'meetings',
    verbs: [
      defineCardVerb({
        verb: MeetingVerbs.ics,
        data: ICS_DATA,
        guard: Guards.staff,
        scopes: PERSONAL_ONLY,
        handle: link,
      }),
    ],
    notices: createMeetingRenderers(),
    scheduledJobs: [createMeetingsJob(platform)],
    routes: [
      createMeetingIcsRoute({
        core: platform.candidacyCore,
        meetings: deps.meetings,
        conversations: platform.conversations,
        signingKey: platform.config.exportSigningKey,
        logger: platform.logger,
      }),
    ],
  };
}

/**
 * Every hour, each programme's meetings are brought up to what its file and its teams want now.
 * Confirming teams does it at once; this catches a programme file imported again with new dates
 * (`labbot programme import` runs without Graph), a calendar that refused or throttled, and
 * downtime. Nothing changed means no Graph call and no message: the hourly run costs two reads.
 */
export function createMeetingsJob(
  platform: Pick<Platform, 'programmes' | 'meetings'>,
): ScheduledJobDefinition {
  const name = 'meetings';
  return {
    name,
    listOccurrences: async (now: Date): Promise<Occurrence[]> => {
      const hourStart = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
      const hour = new Date(hourStart).toISOString().slice(0, 13);
      // Every programme: one whose file dropped its meetings block has meetings to cancel, and
      // one that never had any costs a single read.
      return (await platform.programmes.list()).map((programme) => ({
        key: toOccurrenceKey(name, hour, programme.id),
        dueAt: new Date(hourStart),
        expiresAt: new Date(hourStart + HOUR_MS - 1),
      }));
    },
    execute: async (occurrence) => {
      const programmeId = parseOccurrenceKey(occurrence.key)?.target ?? '';
      const programme = await platform.programmes.get(programmeId);
      if (programme !== undefined) await platform.meetings.sync(programme);
    },
  };
}
