import { refuse } from '../validation/outcome';
import type { ValidationIssue } from '../validation/validation-issue';
import type { LabSessionDeps, SessionActor } from './lab-session-deps';
import type { LabSessionOutcome } from './lab-session-refusal';
import { isFacilitatorOf, type SessionRequest } from './session-request';

/** The most days of preparation a qualification may plan; a session takes 4 to 6 weeks. */
export const MAX_EFFORT_DAYS = 60;

/** The qualification card's fields and bounds. */
export const QUALIFICATION_TEXT_FIELDS = [
  { id: 'format', required: true, maxLength: 200 },
  { id: 'risks', required: false, maxLength: 1000 },
] as const;

/**
 * After the qualification meeting, one of the request's facilitators (or the Lab team) records
 * what it found: objectives reachable or not, intention and posture checked, the format, the
 * preparation effort in days and the risks. It can be corrected until the go / no-go.
 */
export async function recordQualification(
  deps: Pick<LabSessionDeps, 'sessions' | 'clock'>,
  input: { actor: SessionActor; requestId: string; raw: Record<string, unknown> },
): Promise<LabSessionOutcome<SessionRequest>> {
  const request = await deps.sessions.get(input.requestId);
  if (request === undefined) return refuse('notFound');
  if (!input.actor.isLab && !isFacilitatorOf(request, input.actor.aadId)) {
    return refuse('notFound');
  }
  if (request.status !== 'qualification') return refuse('wrongStatus', { status: request.status });
  const raw = input.raw;
  const issues: ValidationIssue[] = [];
  const reachable = raw.objectivesReachable;
  if (reachable !== 'yes' && reachable !== 'no') {
    issues.push({
      path: ['objectivesReachable'],
      code: reachable === undefined || reachable === '' ? 'required' : 'choice',
      params: { allowed: 'yes, no' },
    });
  }
  const checked = raw.intentionChecked;
  if (
    checked !== undefined &&
    checked !== true &&
    checked !== false &&
    checked !== 'true' &&
    checked !== 'false'
  ) {
    issues.push({ path: ['intentionChecked'], code: 'expectedBoolean', params: {} });
  }
  const texts: Record<string, string> = {};
  for (const field of QUALIFICATION_TEXT_FIELDS) {
    const value = raw[field.id];
    if (value !== undefined && typeof value !== 'string') {
      issues.push({ path: [field.id], code: 'expectedText', params: {} });
      continue;
    }
    const text = (value ?? '').trim();
    if (field.required && text === '')
      issues.push({ path: [field.id], code: 'required', params: {} });
    else if (text.length > field.maxLength) {
      issues.push({ path: [field.id], code: 'tooLong', params: { max: field.maxLength } });
    }
    texts[field.id] = text;
  }
  const effortText = typeof raw.effortDays === 'number' ? String(raw.effortDays) : raw.effortDays;
  const effort =
    typeof effortText === 'string' && /^\d{1,4}(\.5)?$/.test(effortText.trim())
      ? Number(effortText.trim())
      : undefined;
  if (effortText === undefined || effortText === '') {
    issues.push({ path: ['effortDays'], code: 'required', params: {} });
  } else if (effort === undefined) {
    issues.push({ path: ['effortDays'], code: 'expectedNumber', params: {} });
  } else if (effort < 0.5) {
    issues.push({ path: ['effortDays'], code: 'min', params: { min: 0.5 } });
  } else if (effort > MAX_EFFORT_DAYS) {
    issues.push({ path: ['effortDays'], code: 'max', params: { max: MAX_EFFORT_DAYS } });
  }
  if (issues.length > 0 || effort === undefined) return refuse('invalid', {}, issues);
  const now = deps.clock.now();
  const updated: SessionRequest = {
    ...request,
    qualification: {
      objectivesReachable: reachable === 'yes',
      intentionChecked: checked === true || checked === 'true',
      format: texts.format ?? '',
      effortDays: effort,
      risks: texts.risks ?? '',
      by: input.actor.aadId,
      at: now,
    },
    updatedAt: now,
  };
  if (!(await deps.sessions.update(updated, request.status))) return refuse('changedMeanwhile');
  return { ok: true, value: updated };
}
