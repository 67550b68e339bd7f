import type { Notice, NoticeRecipient } from '../ports/notifier';
import { addDays, isWorkingDay, toLocalDay } from '../scheduling/local-days';
import { toUtcInstant } from '../scheduling/to-utc-instant';
import type { LabSessionDeps } from './lab-session-deps';

/**
 * A card reaches a person between 08:00 and 19:00 on a working day of their own calendar; outside
 * those hours it waits for 09:30 of their next working day (a Lab member acting from Paris at
 * 10:00 would otherwise wake a facilitator in Cayenne at 06:00).
 */
export const WORKING_HOURS = { from: '08:00', until: '19:00', deferredTo: '09:30' } as const;

type NotifyDeps = Pick<LabSessionDeps, 'notifier' | 'clock' | 'zoneOf' | 'calendarFor'>;

/** Queues a notice for a person, at the instant given or within their working hours. */
export async function notifyPerson(
  deps: NotifyDeps,
  key: string,
  aadId: string,
  notice: Notice,
  notBefore?: Date,
): Promise<void> {
  const at = notBefore ?? (await nextWorkingInstant(deps, aadId));
  await deps.notifier.notify(key, { kind: 'user', aadId }, notice, at);
}

/** Queues a notice for each recipient: a channel at once, a person within their working hours. */
export async function notifyRecipients(
  deps: NotifyDeps,
  keyOf: (who: string) => string,
  recipients: readonly NoticeRecipient[],
  notice: Notice,
): Promise<void> {
  for (const recipient of recipients) {
    if (recipient.kind === 'conversation') {
      await deps.notifier.notify(keyOf(recipient.conversationId.toLowerCase()), recipient, notice);
    } else {
      await notifyPerson(deps, keyOf(recipient.aadId.toLowerCase()), recipient.aadId, notice);
    }
  }
}

/** Now when it is within the person's working hours, else 09:30 on their next working day. */
async function nextWorkingInstant(
  deps: Pick<LabSessionDeps, 'clock' | 'zoneOf' | 'calendarFor'>,
  aadId: string,
): Promise<Date | undefined> {
  const zone = await deps.zoneOf(aadId);
  const calendar = deps.calendarFor(zone);
  const now = deps.clock.now();
  const day = toLocalDay(now, zone);
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(now);
  const working = isWorkingDay(day, calendar);
  if (working && time >= WORKING_HOURS.from && time < WORKING_HOURS.until) return undefined;
  let next = working && time < WORKING_HOURS.from ? day : addDays(day, 1);
  while (!isWorkingDay(next, calendar)) next = addDays(next, 1);
  return toUtcInstant(next, WORKING_HOURS.deferredTo, zone);
}
