import { refuse } from '../validation/outcome';
import type { ValidationIssue } from '../validation/validation-issue';
import type { LabSessionDeps, SessionActor } from './lab-session-deps';
import type { LabSessionOutcome } from './lab-session-refusal';
import { isFacilitatorOf, type SessionRequest } from './session-request';

/** The agenda's methods: Matt Taylor's Scan / Focus / Act (seed 003), or another. */
export const SEQUENCING_METHODS = ['scan', 'focus', 'act', 'other'] as const;
export type SequencingMethod = (typeof SEQUENCING_METHODS)[number];

/** Blocks a sequencing card offers; a session day holds a handful. */
export const MAX_SEQUENCING_BLOCKS = 4;
const MAX_BLOCK_TITLE = 80;
/** A block lasts from 5 minutes to a full day (8 hours). */
const BLOCK_MINUTES = { min: 5, max: 480 } as const;

/** One block of the session's agenda. */
export interface SequencingBlock {
  title: string;
  minutes: number;
  method: SequencingMethod;
}

/**
 * After the go, the facilitators write the session's sequencing: agenda blocks, each with a
 * title, a duration in minutes and a method. Blocks left empty are ignored; at least one is
 * needed. It can be rewritten until the session.
 */
export async function recordSequencing(
  deps: Pick<LabSessionDeps, 'sessions' | 'clock'>,
  input: { actor: SessionActor; requestId: string; raw: Record<string, unknown> },
): Promise<LabSessionOutcome<SessionRequest>> {
  const request = await deps.sessions.get(input.requestId);
  if (request === undefined) return refuse('notFound');
  if (!input.actor.isLab && !isFacilitatorOf(request, input.actor.aadId)) {
    return refuse('notFound');
  }
  if (request.status !== 'preparation') return refuse('wrongStatus', { status: request.status });
  const issues: ValidationIssue[] = [];
  const blocks: SequencingBlock[] = [];
  for (let n = 1; n <= MAX_SEQUENCING_BLOCKS; n += 1) {
    const title = textOf(input.raw[`block${n}Title`]);
    const minutesText = textOf(input.raw[`block${n}Minutes`]);
    const method = textOf(input.raw[`block${n}Method`]);
    if (title === '' && minutesText === '' && method === '') continue;
    const issuesBefore = issues.length;
    if (title === '') issues.push({ path: [`block${n}Title`], code: 'required', params: {} });
    else if (title.length > MAX_BLOCK_TITLE) {
      issues.push({ path: [`block${n}Title`], code: 'tooLong', params: { max: MAX_BLOCK_TITLE } });
    }
    const minutes = /^\d{1,4}$/.test(minutesText) ? Number(minutesText) : undefined;
    if (minutesText === '')
      issues.push({ path: [`block${n}Minutes`], code: 'required', params: {} });
    else if (minutes === undefined) {
      issues.push({ path: [`block${n}Minutes`], code: 'integer', params: {} });
    } else if (minutes < BLOCK_MINUTES.min) {
      issues.push({ path: [`block${n}Minutes`], code: 'min', params: { min: BLOCK_MINUTES.min } });
    } else if (minutes > BLOCK_MINUTES.max) {
      issues.push({ path: [`block${n}Minutes`], code: 'max', params: { max: BLOCK_MINUTES.max } });
    }
    const known = SEQUENCING_METHODS.find((m) => m === method);
    if (known === undefined) {
      issues.push({
        path: [`block${n}Method`],
        code: method === '' ? 'required' : 'choice',
        params: { allowed: SEQUENCING_METHODS.join(', ') },
      });
    }
    if (issues.length === issuesBefore && minutes !== undefined && known !== undefined) {
      blocks.push({ title, minutes, method: known });
    }
  }
  if (issues.length === 0 && blocks.length === 0) {
    issues.push({ path: ['block1Title'], code: 'required', params: {} });
  }
  if (issues.length > 0) return refuse('invalid', {}, issues);
  const now = deps.clock.now();
  const updated: SessionRequest = {
    ...request,
    sequencing: { blocks, by: input.actor.aadId, at: now },
    updatedAt: now,
  };
  if (!(await deps.sessions.update(updated, request.status))) return refuse('changedMeanwhile');
  return { ok: true, value: updated };
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
}
