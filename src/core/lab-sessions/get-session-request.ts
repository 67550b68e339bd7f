import { refuse } from '../validation/outcome';
import type { LabSessionDeps, SessionActor } from './lab-session-deps';
import type { LabSessionOutcome } from './lab-session-refusal';
import { isFacilitatorOf, isRequesterOf, type SessionRequest } from './session-request';

/** How the viewer relates to a request: what they may see and do on its card. */
export interface SessionViewer {
  isLab: boolean;
  isFacilitator: boolean;
  isRequester: boolean;
}

/**
 * A request for someone allowed to read it: the Lab team, its facilitators and its requester.
 * Anyone else, or an unknown id, gets the same refusal, so ids cannot be probed.
 */
export async function getSessionRequest(
  deps: Pick<LabSessionDeps, 'sessions'>,
  input: { actor: SessionActor; requestId: string },
): Promise<LabSessionOutcome<{ request: SessionRequest; viewer: SessionViewer }>> {
  const request = await deps.sessions.get(input.requestId);
  if (request === undefined) return refuse('notFound');
  const viewer = toViewer(request, input.actor);
  if (!viewer.isLab && !viewer.isFacilitator && !viewer.isRequester) return refuse('notFound');
  return { ok: true, value: { request, viewer } };
}

/** The viewer's relations to a request, from the authenticated sender. */
export function toViewer(request: SessionRequest, actor: SessionActor): SessionViewer {
  return {
    isLab: actor.isLab,
    isFacilitator: isFacilitatorOf(request, actor.aadId),
    isRequester: isRequesterOf(request, actor.aadId),
  };
}
