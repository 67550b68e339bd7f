import { countDaysBetween, toLocalDay } from '../scheduling/local-days';
import type { LabSessionDeps } from './lab-session-deps';
import { countByStatus, tallyCommittedEffort, type CommittedEffort } from './list-session-requests';
import type { SessionStatus } from './session-request';

/** The Lab sessions at a glance, for the Lab team's digest. */
export interface SessionsSummary {
  byStatus: Record<SessionStatus, number>;
  /** Median calendar days from the request to its go; null before any go. */
  medianDaysToGo: number | null;
  /** Median calendar days from the go to the session day; null before any dated go. */
  medianDaysGoToSession: number | null;
  /** Sessions held (hot debrief sent) whose day falls in the current year. */
  heldThisYear: number;
  hotAnswers: number;
  /** Average hot satisfaction (1 to 5), one decimal; null without answers. */
  hotAverage: number | null;
  coldAnswers: number;
  /** How many hot debriefs gave each score, from 1 to 5 (index 0 is score 1). */
  hotScores: number[];
  /** Cold debriefs asking for a follow-up session. */
  followUpsWanted: number;
  /** Preparation effort committed from the current month on, and awaiting a go. */
  effort: CommittedEffort;
  /** Facilitator days per month the Lab can give sessions, when configured. */
  capacityDays: number | null;
}

/** Counts and medians of the Lab sessions, on the Lab's (Paris) calendar days. */
export async function summariseSessions(
  deps: Pick<LabSessionDeps, 'sessions' | 'clock'> & { capacityDays?: number | undefined },
): Promise<SessionsSummary> {
  const zone = 'Europe/Paris';
  const today = toLocalDay(deps.clock.now(), zone);
  const year = today.slice(0, 4);
  const requests = await deps.sessions.list();
  const toGo: number[] = [];
  const goToSession: number[] = [];
  let heldThisYear = 0;
  for (const request of requests) {
    if (request.decision?.kind !== 'go') continue;
    const goDay = toLocalDay(request.decision.at, zone);
    toGo.push(countDaysBetween(toLocalDay(request.createdAt, zone), goDay));
    if (request.sessionDay !== null) {
      goToSession.push(countDaysBetween(goDay, request.sessionDay));
      const held = request.status === 'held' || request.status === 'coldDebrief';
      if (held && request.sessionDay.startsWith(year)) heldThisYear += 1;
    }
  }
  const hot = await deps.sessions.listAllDebriefs('hot');
  const cold = await deps.sessions.listAllDebriefs('cold');
  const scores = hot.map((a) => Number(a.answers.satisfaction)).filter(Number.isFinite);
  const hotScores = [0, 0, 0, 0, 0];
  for (const score of scores) {
    if (Number.isInteger(score) && score >= 1 && score <= 5)
      hotScores[score - 1] = (hotScores[score - 1] ?? 0) + 1;
  }
  return {
    byStatus: countByStatus(requests),
    medianDaysToGo: median(toGo),
    medianDaysGoToSession: median(goToSession),
    heldThisYear,
    hotAnswers: hot.length,
    hotAverage:
      scores.length === 0
        ? null
        : Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10) / 10,
    coldAnswers: cold.length,
    hotScores,
    followUpsWanted: cold.filter((a) => a.answers.followUp === 'yes').length,
    effort: tallyCommittedEffort(requests, today.slice(0, 7)),
    capacityDays: deps.capacityDays ?? null,
  };
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? sorted[middle]!
    : Math.round(((sorted[middle - 1]! + sorted[middle]!) / 2) * 10) / 10;
}
