/**
 * Where a Lab session request stands. From the Pôle emploi Lab's protocol (seed 003): a request,
 * a qualification meeting with two facilitators, a go or no-go, the facilitators' preparation,
 * the session itself (then the hot debrief), and the cold debrief 5 to 8 weeks later. A request can
 * also be declined, put off ("not now", back on a given day) or withdrawn by its requester.
 */
export const SESSION_STATUSES = [
  'requested',
  'qualification',
  'preparation',
  'held',
  'coldDebrief',
  'declined',
  'postponed',
  'withdrawn',
] as const;

export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** Statuses in which the request still asks something of the Lab team. */
export const OPEN_STATUSES: readonly SessionStatus[] = [
  'requested',
  'qualification',
  'preparation',
];

/** "Une session lab comprend 60 personnes au maximum" (seed 003). */
export const MAX_SESSION_PARTICIPANTS = 60;

/** "Préparer une session Lab prend de 4 à 6 semaines" (seed 003): no session sooner than 4 weeks. */
export const MIN_PREPARATION_DAYS = 28;

/** The cold debrief comes "après 5 à 8 semaines" (seed 003); 6 weeks unless the facilitators say. */
export const COLD_DEBRIEF_MIN_DAYS = 35;
export const COLD_DEBRIEF_MAX_DAYS = 56;
export const COLD_DEBRIEF_DEFAULT_DAYS = 42;

/** What the requester writes in the request form. */
export interface SessionRequestFields {
  subject: string;
  problem: string;
  intendedResult: string;
  /** The director who sponsors the request, when the requester is not one; '' otherwise. */
  sponsor: string;
  /** The sponsor's e-mail, so the bot can tell them of the decision once they have met the bot. */
  sponsorEmail: string;
  internalParticipants: number;
  externalParticipants: number;
  /** In words, e.g. "mars 2027, plutôt un jeudi". */
  desiredPeriod: string;
  constraints: string;
}

/** Who mixes in the session: internal staff, external guests, or both. */
export type SessionAudience = 'internal' | 'external' | 'mixed';

/** The Lab team's go / no-go, with its reason in words. */
export type SessionDecision =
  | { kind: 'go'; reason: string; by: string; at: Date }
  | { kind: 'noGo'; reason: string; by: string; at: Date }
  | { kind: 'notNow'; reason: string; by: string; at: Date; revisitOn: string };

/**
 * What the facilitators found at the qualification meeting: whether the objectives are
 * reachable, whether the intention and the posture were checked, the format, the preparation
 * effort in facilitator days, and the risks.
 */
export interface SessionQualification {
  objectivesReachable: boolean;
  intentionChecked: boolean;
  format: string;
  effortDays: number;
  risks: string;
  by: string;
  at: Date;
}

/**
 * How the Lab team rated a qualified request before its go, each from 1 (low) to 5 (high): the
 * prioritisation card ranks requests by these and the preparation effort, with configured weights.
 */
export interface SessionPriority {
  urgency: number;
  impact: number;
  /** Strategic fit. */
  fit: number;
  by: string;
  at: Date;
}

/** A person the request names (requester, facilitator), with the name shown on cards. */
export interface SessionPerson {
  aadId: string;
  name: string;
}

/** A Lab session request, from the form to the cold debrief. */
export interface SessionRequest {
  id: string;
  /** What the requester quotes, e.g. LAB-2026-007. */
  trackingNumber: string;
  status: SessionStatus;
  requester: SessionPerson;
  /** The requester's IANA zone when they asked (their holidays and local times). */
  requesterTimeZone: string;
  fields: SessionRequestFields;
  /** The two facilitators, from qualification on; never the requester. */
  facilitators: SessionPerson[];
  /** The qualification meeting with the facilitators and the requester, when the Lab set it. */
  qualificationMeeting: {
    day: string;
    time: string;
    timeZone: string;
    /** Its length (60 minutes for requests stored before it was asked). */
    durationMinutes: number;
  } | null;
  /** The facilitators' agenda of the session, after the go. */
  sequencing: {
    blocks: { title: string; minutes: number; method: 'scan' | 'focus' | 'act' | 'other' }[];
    by: string;
    at: Date;
  } | null;
  /** The qualification card, once a facilitator filled it. */
  qualification: SessionQualification | null;
  /** The Lab team's rating for the prioritisation, once given. */
  priority: SessionPriority | null;
  decision: SessionDecision | null;
  /** The session's day (YYYY-MM-DD, the requester's calendar), once the facilitators set it. */
  sessionDay: string | null;
  /** The day the cold debrief is sent, 5 to 8 weeks after the session. */
  coldDebriefDay: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Internal only, external only or both, from the expected participants. */
export function getAudience(
  fields: Pick<SessionRequestFields, 'internalParticipants' | 'externalParticipants'>,
): SessionAudience {
  if (fields.externalParticipants === 0) return 'internal';
  if (fields.internalParticipants === 0) return 'external';
  return 'mixed';
}

/** The tracking number of the n-th request of a year: LAB-2026-007. */
export function formatTrackingNumber(year: number, sequence: number): string {
  return `LAB-${year}-${String(sequence).padStart(3, '0')}`;
}

/** True when the person is one of the request's facilitators. */
export function isFacilitatorOf(request: SessionRequest, aadId: string): boolean {
  return request.facilitators.some((f) => sameId(f.aadId, aadId));
}

/** True when the person asked for the session. */
export function isRequesterOf(request: SessionRequest, aadId: string): boolean {
  return sameId(request.requester.aadId, aadId);
}

/** Entra ids compare without case. */
export function sameId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
