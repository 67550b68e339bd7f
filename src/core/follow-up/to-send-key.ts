import type { SendRecipient } from './planned-send';

/**
 * The key of a planned send, used both as occurrence key and as message idempotency key:
 * `job:period:programme/team/recipient`, e.g. `checkin:2026-10:defi-du-lab-2026/team-7/lead`.
 * Team ids are only unique within a programme, hence the programme in the target.
 */
export function toSendKey(
  job: string,
  period: string,
  programmeId: string,
  teamId: string,
  recipient: SendRecipient,
): string {
  const who =
    recipient.kind === 'channel'
      ? 'channel'
      : recipient.role === 'lead'
        ? 'lead'
        : `${recipient.role}-${recipient.aadId.toLowerCase()}`;
  // The occurrence key format (job:period:target): colons separate parts, so none may hold one.
  const parts = [job, period, `${programmeId}/${teamId}/${who}`];
  if (parts.some((part) => part === '' || part.includes(':'))) {
    throw new Error(`Send key parts must be non-empty and contain no colon: ${parts.join(' | ')}`);
  }
  return parts.join(':');
}
