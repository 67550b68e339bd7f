import { refuse } from '../validation/outcome';
import type { ValidationIssue } from '../validation/validation-issue';
import type { LabSessionDeps, SessionActor } from './lab-session-deps';
import type { LabSessionOutcome } from './lab-session-refusal';
import type { SessionPriority, SessionRequest } from './session-request';

/** What the Lab team rates on a qualified request, from 1 (low) to 5 (high). */
export const PRIORITY_RATINGS = ['urgency', 'impact', 'fit'] as const;

export type PriorityRating = (typeof PRIORITY_RATINGS)[number];

/** How much each criterion counts in a request's score; effort counts inversely. */
export interface PriorityWeights {
  urgency: number;
  impact: number;
  effort: number;
  fit: number;
}

/** Urgency and impact first, then effort and strategic fit (LAB_SESSION_PRIORITY_WEIGHTS). */
export const DEFAULT_PRIORITY_WEIGHTS: PriorityWeights = {
  urgency: 3,
  impact: 3,
  effort: 2,
  fit: 2,
};

/**
 * Preparation effort on the same 1 to 5 scale, lighter scoring higher: up to 2 facilitator days
 * is 5, up to 5 is 4, up to 10 is 3, up to 20 is 2, more is 1.
 */
export function scoreEffort(effortDays: number): number {
  if (effortDays <= 2) return 5;
  if (effortDays <= 5) return 4;
  if (effortDays <= 10) return 3;
  if (effortDays <= 20) return 2;
  return 1;
}

/** A qualified request in the ranking, with its score (1 to 5, one decimal) once rated. */
export interface RankedRequest {
  request: SessionRequest;
  effortDays: number;
  /** Null until the Lab team rated it: such requests come after the rated ones. */
  score: number | null;
}

/**
 * The weighted mean of the ratings and the effort's score, one decimal; null when the request
 * has no ratings or no qualification yet.
 */
export function scoreRequest(request: SessionRequest, weights: PriorityWeights): number | null {
  const priority = request.priority;
  const effort = request.qualification?.effortDays;
  if (priority === null || effort === undefined) return null;
  const total = weights.urgency + weights.impact + weights.effort + weights.fit;
  if (total <= 0) return null;
  const sum =
    weights.urgency * priority.urgency +
    weights.impact * priority.impact +
    weights.effort * scoreEffort(effort) +
    weights.fit * priority.fit;
  return Math.round((sum / total) * 10) / 10;
}

/**
 * The qualified requests awaiting their go, best score first (then the oldest first), the
 * unrated ones last: what the Lab team weighs before saying yes. Lab team only.
 */
export async function rankQualifiedRequests(
  deps: Pick<LabSessionDeps, 'sessions'>,
  input: { actor: SessionActor; weights: PriorityWeights },
): Promise<LabSessionOutcome<RankedRequest[]>> {
  if (!input.actor.isLab) return refuse('labOnly');
  const ranked = (await deps.sessions.list(['qualification']))
    .filter((request) => request.qualification !== null)
    .map((request) => ({
      request,
      effortDays: request.qualification?.effortDays ?? 0,
      score: scoreRequest(request, input.weights),
    }));
  ranked.sort(
    (a, b) =>
      (b.score ?? -1) - (a.score ?? -1) ||
      a.request.createdAt.getTime() - b.request.createdAt.getTime() ||
      a.request.trackingNumber.localeCompare(b.request.trackingNumber),
  );
  return { ok: true, value: ranked };
}

/**
 * The Lab team rates a qualified request's urgency, impact and strategic fit (1 to 5), before
 * the go. Anyone else is refused, whatever the card they click from; a rating out of range or
 * of the wrong type is named under its field and nothing is written.
 */
export async function ratePriority(
  deps: Pick<LabSessionDeps, 'sessions' | 'clock'>,
  input: { actor: SessionActor; requestId: string; raw: Record<string, unknown> },
): Promise<LabSessionOutcome<SessionRequest>> {
  if (!input.actor.isLab) return refuse('labOnly');
  const request = await deps.sessions.get(input.requestId);
  if (request === undefined) return refuse('notFound');
  if (request.status !== 'qualification') return refuse('wrongStatus', { status: request.status });
  if (request.qualification === null) return refuse('notQualified');
  const issues: ValidationIssue[] = [];
  const ratings: Partial<Record<PriorityRating, number>> = {};
  for (const id of PRIORITY_RATINGS) {
    const value = input.raw[id];
    const text = typeof value === 'number' ? String(value) : value;
    if (text === undefined || text === '') {
      issues.push({ path: [id], code: 'required', params: {} });
    } else if (typeof text !== 'string' || !/^[1-5]$/.test(text.trim())) {
      issues.push({ path: [id], code: 'choice', params: { allowed: '1, 2, 3, 4, 5' } });
    } else {
      ratings[id] = Number(text.trim());
    }
  }
  if (issues.length > 0) return refuse('invalid', {}, issues);
  const now = deps.clock.now();
  const priority: SessionPriority = {
    urgency: ratings.urgency ?? 1,
    impact: ratings.impact ?? 1,
    fit: ratings.fit ?? 1,
    by: input.actor.aadId,
    at: now,
  };
  const updated: SessionRequest = { ...request, priority, updatedAt: now };
  if (!(await deps.sessions.update(updated, request.status))) return refuse('changedMeanwhile');
  return { ok: true, value: updated };
}

/**
 * Reads LAB_SESSION_PRIORITY_WEIGHTS, e.g. "urgency=3,impact=3,effort=2,fit=2": each criterion
 * once at most, a whole number from 0 to 10, those left out keep their default. Returns the
 * reason in words when the text is not that.
 */
export function parsePriorityWeights(
  text: string | undefined,
): { ok: true; weights: PriorityWeights } | { ok: false; reason: string } {
  const weights = { ...DEFAULT_PRIORITY_WEIGHTS };
  if (text === undefined || text.trim() === '') return { ok: true, weights };
  const seen = new Set<string>();
  for (const part of text.split(',')) {
    const match = /^\s*(urgency|impact|effort|fit)\s*=\s*(\d{1,2})\s*$/.exec(part);
    if (match === null) {
      return {
        ok: false,
        reason: `"${part.trim()}" is not criterion=weight (criteria: urgency, impact, effort, fit)`,
      };
    }
    const [, name, value] = match as unknown as [string, keyof PriorityWeights, string];
    if (seen.has(name)) return { ok: false, reason: `${name} is given twice` };
    seen.add(name);
    const weight = Number(value);
    if (weight > 10) return { ok: false, reason: `${name} must be from 0 to 10` };
    weights[name] = weight;
  }
  if (weights.urgency + weights.impact + weights.effort + weights.fit === 0) {
    return { ok: false, reason: 'at least one weight must be above 0' };
  }
  return { ok: true, weights };
}
