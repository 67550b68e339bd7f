import { refuse } from '../validation/outcome';
import type { LabSessionDeps, SessionActor } from './lab-session-deps';
import { LAB_SESSION_NOTICES, toNoticeData } from './lab-session-notices';
import { tellSessionCancelled } from './manage-participants';
import { notifyRecipients } from './notify-person';
import { syncQualificationMeeting } from './qualification-meeting';
import type { LabSessionOutcome } from './lab-session-refusal';
import { isRequesterOf, OPEN_STATUSES, type SessionRequest } from './session-request';

/**
 * The requester withdraws their request before the session; the Lab team is told, and so are the
 * colleagues invited once the day was set.
 */
export async function withdrawRequest(
  deps: LabSessionDeps,
  input: { actor: SessionActor; requestId: string },
): Promise<LabSessionOutcome<SessionRequest>> {
  const request = await deps.sessions.get(input.requestId);
  if (request === undefined) return refuse('notFound');
  if (!isRequesterOf(request, input.actor.aadId)) {
    // The Lab team and facilitators see the request, but only its requester may withdraw it.
    return input.actor.isLab ? refuse('forbidden') : refuse('notFound');
  }
  if (!OPEN_STATUSES.includes(request.status) && request.status !== 'postponed') {
    return refuse('wrongStatus', { status: request.status });
  }
  const updated: SessionRequest = { ...request, status: 'withdrawn', updatedAt: deps.clock.now() };
  if (!(await deps.sessions.update(updated, request.status))) return refuse('changedMeanwhile');
  await notifyRecipients(
    deps,
    (who) => `lab-session:${updated.id}:withdrawn:${who}`,
    await deps.labRecipients(),
    { kind: LAB_SESSION_NOTICES.withdrawn, data: toNoticeData(updated) },
  );
  // Colleagues invited to a dated session learn it will not take place.
  await tellSessionCancelled(deps, request);
  // The qualification meeting, if one is to come, is cancelled on calendars.
  await syncQualificationMeeting(deps, updated);
  return { ok: true, value: updated };
}
