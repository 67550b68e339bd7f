import { addDays } from '../scheduling/add-days';
import { toUtcInstant } from '../scheduling/to-utc-instant';
import type { PlannedSend, SendKind, SendRecipient } from './planned-send';
import type { PersonSchedule } from './resolve-person-schedule';
import { toSendKey } from './to-send-key';

/** What a planner knows about one send before it is turned into an occurrence. */
export interface SendDraft {
  kind: SendKind;
  /** The job part of the key, e.g. `checkin-reminder-d3`. */
  job: string;
  programmeId: string;
  teamId: string;
  period: string;
  recipient: SendRecipient;
  /** Local day and time in the schedule's zone. */
  day: string;
  time: string;
  schedule: Pick<PersonSchedule, 'timeZone'>;
  /** When the send stops being worth making; the end of its local day when absent. */
  expiresAt?: Date;
  reminderDay?: number;
  review?: PlannedSend['review'];
}

/** Turns a draft into a planned send: its key, due instant and expiry. */
export function toPlannedSend(draft: SendDraft): PlannedSend {
  const { timeZone } = draft.schedule;
  const send: PlannedSend = {
    key: toSendKey(draft.job, draft.period, draft.programmeId, draft.teamId, draft.recipient),
    dueAt: toUtcInstant(draft.day, draft.time, timeZone),
    // A reminder whose local day has passed is not sent late: it would land after what it announces.
    expiresAt: draft.expiresAt ?? toUtcInstant(addDays(draft.day, 1), '00:00', timeZone),
    kind: draft.kind,
    programmeId: draft.programmeId,
    teamId: draft.teamId,
    period: draft.period,
    recipient: draft.recipient,
    localDay: draft.day,
    localTime: draft.time,
    timeZone,
  };
  if (draft.reminderDay !== undefined) send.reminderDay = draft.reminderDay;
  if (draft.review !== undefined) send.review = draft.review;
  return send;
}
