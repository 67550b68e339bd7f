import { addDays } from '../scheduling/local-days';
import { toUtcInstant } from '../scheduling/to-utc-instant';
import type { PersonSchedule } from './resolve-person-schedule';
import { formatSendKey } from './send-key';

/**
 * What the bot sends on its own during the follow-up year: the monthly check-in card, its
 * reminders and the escalation to facilitators; the review preparation card, its reminder, the
 * outcome card and the review pack for the Lab team. Each kind is also the notice kind.
 */
export const SEND_KINDS = [
  'checkin.card',
  'checkin.reminder',
  'checkin.escalation',
  'review.preparation',
  'review.reminder',
  'review.outcome',
  'review.pack',
] as const;

export type SendKind = (typeof SEND_KINDS)[number];

/** The two reviews (bilans) of a programme, from its milestones. */
export type ReviewId = 'december' | 'march';

/** Who a planned send goes to: a person in personal chat, or the team's channel. */
export type SendRecipient =
  | { kind: 'person'; role: 'lead' | 'facilitator' | 'lab'; aadId: string; name: string }
  | { kind: 'channel'; conversationId: string };

/**
 * One card the follow-up will send. It is a scheduler occurrence (key, dueAt, expiresAt: the
 * shape of core/jobs' Occurrence, which the core boundary rule keeps out of reach by path), and
 * its key is also the message's idempotency key, e.g. `checkin:2026-10:defi-du-lab-2026/team-7/lead`.
 */
export interface PlannedSend {
  key: string;
  /** When it is due (UTC). */
  dueAt: Date;
  /** After this instant a missed send is dropped rather than caught up. */
  expiresAt: Date;
  kind: SendKind;
  programmeId: string;
  teamId: string;
  /** The check-in month, or the month of the review (YYYY-MM). */
  period: string;
  recipient: SendRecipient;
  /** The recipient's local day and time of the send (for a channel: the lead's), and that zone. */
  localDay: string;
  localTime: string;
  timeZone: string;
  /** For a check-in reminder: the working day after the check-in it falls on. */
  reminderDay?: number;
  /** For a review send: which review, and its day (YYYY-MM-DD). */
  review?: { id: ReviewId; day: string };
}

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
    key: formatSendKey(draft),
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
