import type { Clock } from '../ports/clock';
import type { ExportToken, ExportTokenStore } from '../ports/export-token-store';
import type { IdSource } from '../ports/id-source';
import type { MeetingStore } from '../ports/meeting-store';
import { EXPORT_LINK_TTL_MS } from '../selection/create-export-link';
import { toMeetingKey, type CalendarMeetingKind, type MeetingRecord } from './meeting';

/** Tokens of an .ics download start with this, so only its route accepts them. */
export const MEETING_ICS_TOKEN_PREFIX = 'ics-';

/** Which meeting: its key's parts, as a card carries them. */
export interface MeetingRef {
  programmeId: string;
  kind: CalendarMeetingKind;
  teamId: string;
  period: string;
}

/** What the link and the download need. */
export interface MeetingIcsDeps {
  meetings: MeetingStore;
  exportTokens: ExportTokenStore;
  clock: Clock;
  ids: IdSource;
}

/**
 * A meeting as one person may have it: invited, or dropped from its attendees (`droppedAt`: the
 * version that dropped them), who get its cancellation at that version and nothing newer.
 */
export type InvitedMeeting = MeetingRecord & { droppedAt?: number };

/**
 * The meeting, when the person is invited to it or was dropped from it (by Entra id, whatever its
 * case); undefined otherwise, so someone never invited learns nothing of it, not even that it
 * exists.
 */
export async function findInvitedMeeting(
  deps: Pick<MeetingIcsDeps, 'meetings'>,
  ref: MeetingRef,
  aadId: string,
): Promise<InvitedMeeting | undefined> {
  const key = toMeetingKey(ref);
  const id = aadId.toLowerCase();
  const meeting = (await deps.meetings.listByProgramme(ref.programmeId)).find(
    (candidate) => toMeetingKey(candidate) === key,
  );
  if (meeting === undefined) return undefined;
  if (meeting.attendees.some((a) => a.aadId.toLowerCase() === id)) return meeting;
  const dropped = meeting.dropped?.find((d) => d.aadId.toLowerCase() === id);
  return dropped === undefined ? undefined : { ...meeting, droppedAt: dropped.sequence };
}

/**
 * Issues a single-use, 15-minute permission for an attendee to download a meeting's .ics file,
 * recorded like every export. Refused (undefined) for someone not invited.
 */
export async function createMeetingIcsLink(
  deps: MeetingIcsDeps,
  input: { aadId: string; meeting: MeetingRef },
): Promise<{ token: ExportToken; meeting: InvitedMeeting } | undefined> {
  const meeting = await findInvitedMeeting(deps, input.meeting, input.aadId);
  if (meeting === undefined) return undefined;
  const now = deps.clock.now();
  const token: ExportToken = {
    id: `${MEETING_ICS_TOKEN_PREFIX}${deps.ids.newId()}`,
    programmeId: meeting.programmeId,
    adminAadId: input.aadId,
    format: 'csv',
    createdAt: now,
    expiresAt: new Date(now.getTime() + EXPORT_LINK_TTL_MS),
    usedAt: null,
  };
  await deps.exportTokens.create(token, {
    at: now,
    actor: input.aadId,
    action: 'meeting.icsLink',
    programmeId: meeting.programmeId,
    subjectId: token.id,
    details: { meeting: toMeetingKey(meeting), expiresAt: token.expiresAt.toISOString() },
  });
  return { token, meeting };
}

/** True for a token issued by createMeetingIcsLink. */
export function isMeetingIcsToken(tokenId: string): boolean {
  return tokenId.startsWith(MEETING_ICS_TOKEN_PREFIX);
}
