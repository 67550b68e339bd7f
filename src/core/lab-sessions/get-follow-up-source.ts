import { refuse } from '../validation/outcome';
import { mayAnswerDebrief } from './answer-debrief';
import type { LabSessionDeps, SessionActor } from './lab-session-deps';
import type { LabSessionOutcome } from './lab-session-refusal';
import type { SessionRequest } from './session-request';

/**
 * The request a follow-up session starts from, for those asked its cold debrief (the requester
 * and the sponsor) once it was sent: the new form is pre-filled from it.
 */
export async function getFollowUpSource(
  deps: Pick<LabSessionDeps, 'sessions' | 'directory'>,
  input: { actor: SessionActor; requestId: string },
): Promise<LabSessionOutcome<SessionRequest>> {
  const request = await deps.sessions.get(input.requestId);
  if (request === undefined) return refuse('notFound');
  if (!(await mayAnswerDebrief(deps, request, 'cold', input.actor.aadId))) {
    return refuse('notFound');
  }
  if (request.status !== 'coldDebrief') return refuse('wrongStatus', { status: request.status });
  return { ok: true, value: request };
}
