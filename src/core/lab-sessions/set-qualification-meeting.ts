import { refuse } from '../validation/outcome';
import type { ValidationIssue } from '../validation/validation-issue';
import type { LabSessionDeps, SessionActor } from './lab-session-deps';
import type { LabSessionOutcome } from './lab-session-refusal';
import {
  readQualificationMeeting,
  syncQualificationMeeting,
  type MeetingInput,
} from './qualification-meeting';
import { isFacilitatorOf, type SessionRequest } from './session-request';

/**
 * Sets or moves the qualification meeting of a request in qualification. Only the Lab team or one
 * of the request's two facilitators may (decided from the sender, never from the card); anyone
 * else, the requester included, gets the answer an unknown request gets. The meeting on calendars
 * is the same one, moved (SEQUENCE up), never a second.
 */
export async function setQualificationMeeting(
  deps: LabSessionDeps,
  input: { actor: SessionActor; requestId: string } & MeetingInput,
): Promise<LabSessionOutcome<SessionRequest>> {
  const request = await deps.sessions.get(input.requestId);
  if (request === undefined) return refuse('notFound');
  if (!input.actor.isLab && !isFacilitatorOf(request, input.actor.aadId)) {
    return refuse('notFound');
  }
  if (request.status !== 'qualification') return refuse('wrongStatus', { status: request.status });
  const issues: ValidationIssue[] = [];
  const meeting = readQualificationMeeting(deps, request, input.actor, input, issues, {
    required: true,
  });
  if (issues.length > 0 || meeting === null) return refuse('invalid', {}, issues);
  const updated: SessionRequest = {
    ...request,
    qualificationMeeting: meeting,
    updatedAt: deps.clock.now(),
  };
  if (!(await deps.sessions.update(updated, request.status))) return refuse('changedMeanwhile');
  await syncQualificationMeeting(deps, updated);
  return { ok: true, value: updated };
}
