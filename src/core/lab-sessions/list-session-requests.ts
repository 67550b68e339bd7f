import { refuse } from '../validation/outcome';
import type { LabSessionDeps, SessionActor } from './lab-session-deps';
import type { LabSessionOutcome } from './lab-session-refusal';
import {
  OPEN_STATUSES,
  SESSION_STATUSES,
  type SessionRequest,
  type SessionStatus,
} from './session-request';

/** The requests a person asked for or facilitates ("mes sessions"), most recent first. */
export function listMySessions(
  deps: Pick<LabSessionDeps, 'sessions'>,
  actor: SessionActor,
): Promise<SessionRequest[]> {
  return deps.sessions.listForPerson(actor.aadId);
}

/** Every request still asking something of the Lab team (and those put off), for the Lab team. */
export async function listOpenRequests(
  deps: Pick<LabSessionDeps, 'sessions'>,
  actor: SessionActor,
): Promise<LabSessionOutcome<SessionRequest[]>> {
  if (!actor.isLab) return refuse('labOnly');
  return { ok: true, value: await deps.sessions.list([...OPEN_STATUSES, 'postponed']) };
}

/** How many requests are in each status, every status listed (0 included). */
export async function countRequestsByStatus(
  deps: Pick<LabSessionDeps, 'sessions'>,
): Promise<Record<SessionStatus, number>> {
  return countByStatus(await deps.sessions.list());
}

/** How many of these requests are in each status. */
export function countByStatus(
  requests: readonly { status: SessionStatus }[],
): Record<SessionStatus, number> {
  const counts = Object.fromEntries(SESSION_STATUSES.map((s) => [s, 0])) as Record<
    SessionStatus,
    number
  >;
  for (const request of requests) counts[request.status] += 1;
  return counts;
}

/**
 * The preparation effort (facilitator days, from the qualification cards) committed to sessions
 * by the month they take place, from `fromMonth` on, and the effort of the qualified requests
 * still awaiting their go: what the Lab team weighs before saying yes.
 */
export async function sumCommittedEffort(
  deps: Pick<LabSessionDeps, 'sessions'>,
  fromMonth: string,
): Promise<CommittedEffort> {
  return tallyCommittedEffort(
    await deps.sessions.list(['qualification', 'preparation', 'held']),
    fromMonth,
  );
}

/** Facilitator days committed per month (from `fromMonth` on), and those awaiting a go. */
export interface CommittedEffort {
  byMonth: { month: string; days: number }[];
  awaitingGo: number;
}

/** {@link sumCommittedEffort} over requests already read; other statuses count for nothing. */
export function tallyCommittedEffort(
  requests: readonly SessionRequest[],
  fromMonth: string,
): CommittedEffort {
  const byMonth = new Map<string, number>();
  let awaitingGo = 0;
  for (const request of requests) {
    const effort = request.qualification?.effortDays ?? 0;
    if (request.status === 'qualification') {
      awaitingGo += effort;
      continue;
    }
    if (request.status !== 'preparation' && request.status !== 'held') continue;
    // A session without a date yet counts in the current month: the work starts now.
    const month = request.sessionDay?.slice(0, 7) ?? fromMonth;
    if (month < fromMonth) continue;
    byMonth.set(month, (byMonth.get(month) ?? 0) + effort);
  }
  return {
    byMonth: [...byMonth]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([month, days]) => ({ month, days })),
    awaitingGo,
  };
}
