import { parseOccurrenceKey, toOccurrenceKey } from '../jobs/occurrence';
import type { SendRecipient } from './planned-send';

/** Separates the programme, the team and the recipient in a send key's target. */
export const SEND_KEY_TARGET_SEPARATOR = '/';

/** The recipient part of a send key: `lead`, `channel`, or `<role>-<entra id>`. */
function formatWho(recipient: SendRecipient): string {
  if (recipient.kind === 'channel') return 'channel';
  return recipient.role === 'lead' ? 'lead' : `${recipient.role}-${recipient.aadId.toLowerCase()}`;
}

/**
 * The key of a planned send, used both as occurrence key and as message idempotency key:
 * `job:period:programme/team/recipient`, e.g. `checkin:2026-10:defi-du-lab-2026/team-7/lead`.
 * Team ids are only unique within a programme, hence the programme in the target.
 */
export function formatSendKey(send: {
  job: string;
  period: string;
  programmeId: string;
  teamId: string;
  recipient: SendRecipient;
}): string {
  const target = [send.programmeId, send.teamId, formatWho(send.recipient)];
  if (target.some((part) => part === '' || part.includes(SEND_KEY_TARGET_SEPARATOR))) {
    throw new Error(`Send key target parts must be non-empty, without "/": ${target.join(' | ')}`);
  }
  return toOccurrenceKey(send.job, send.period, target.join(SEND_KEY_TARGET_SEPARATOR));
}

/** The parts of a send key; undefined for any other key. */
export function parseSendKey(
  key: string,
): { job: string; period: string; programmeId: string; teamId: string; who: string } | undefined {
  const parts = parseOccurrenceKey(key);
  if (parts === undefined) return undefined;
  const [programmeId, teamId, who, ...rest] = parts.target.split(SEND_KEY_TARGET_SEPARATOR);
  if (programmeId === undefined || teamId === undefined || who === undefined || rest.length > 0) {
    return undefined;
  }
  return { job: parts.job, period: parts.period, programmeId, teamId, who };
}

/**
 * What every send key of a programme's month holds right before its team id,
 * `:<month>:<programme>/`: the digest queries find a month's messages with it and read the team
 * that follows, in one query for all teams.
 */
export function formatSendKeyMonthMarker(month: string, programmeId: string): string {
  return `:${month}:${programmeId}${SEND_KEY_TARGET_SEPARATOR}`;
}
