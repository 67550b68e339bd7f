import { refuse } from '../validation/outcome';
import type { ValidationIssue } from '../validation/validation-issue';
import type { LabSessionDeps, SessionActor } from './lab-session-deps';
import { LAB_SESSION_NOTICES, toNoticeData } from './lab-session-notices';
import type { LabSessionOutcome } from './lab-session-refusal';
import { notifyPerson } from './notify-person';
import { notifyRequestStep } from './notify-requester';
import {
  readQualificationMeeting,
  syncQualificationMeeting,
  type MeetingInput,
} from './qualification-meeting';
import { sameId, type SessionRequest } from './session-request';

/** "Une réunion de qualification avec deux facilitateurs" (seed 003). */
export const FACILITATORS_PER_SESSION = 2;

/**
 * The Lab team names the two facilitators who qualify a request (again while it is in
 * qualification): two different people of the facilitator pool, never the requester. It may set
 * the qualification meeting on the same card (readQualificationMeeting); the three are then
 * invited. Both facilitators are told, and so is the requester, with the meeting's time.
 */
export async function qualifyRequest(
  deps: LabSessionDeps,
  input: {
    actor: SessionActor;
    requestId: string;
    facilitatorIds: readonly string[];
  } & MeetingInput,
): Promise<LabSessionOutcome<SessionRequest>> {
  if (!input.actor.isLab) return refuse('labOnly');
  const request = await deps.sessions.get(input.requestId);
  if (request === undefined) return refuse('notFound');
  if (request.status !== 'requested' && request.status !== 'qualification') {
    return refuse('wrongStatus', { status: request.status });
  }
  const ids = [
    ...new Map(
      input.facilitatorIds
        .map((id) => id.trim())
        .filter((id) => id !== '')
        .map((id) => [id.toLowerCase(), id]),
    ).values(),
  ];
  const issues: ValidationIssue[] = [];
  const pool = deps.facilitatorPool();
  if (ids.length !== FACILITATORS_PER_SESSION) {
    issues.push({
      path: ['facilitators'],
      code: ids.length < FACILITATORS_PER_SESSION ? 'tooShort' : 'tooLong',
      params: ids.length < FACILITATORS_PER_SESSION ? { min: 2 } : { max: 2 },
    });
  } else if (ids.some((id) => sameId(id, request.requester.aadId))) {
    issues.push({ path: ['facilitators'], code: 'notYourself', params: {} });
  } else if (ids.some((id) => !pool.some((member) => sameId(member, id)))) {
    issues.push({ path: ['facilitators'], code: 'choice', params: { allowed: '' } });
  }
  const meeting = readQualificationMeeting(deps, request, input.actor, input, issues, {
    required: false,
  });
  if (issues.length > 0) return refuse('invalid', {}, issues);
  const names = await deps.namesOf(ids);
  const updated: SessionRequest = {
    ...request,
    status: 'qualification',
    facilitators: ids.map((aadId) => ({ aadId, name: names.get(aadId.toLowerCase()) ?? '' })),
    qualificationMeeting: meeting ?? request.qualificationMeeting,
    updatedAt: deps.clock.now(),
  };
  if (!(await deps.sessions.update(updated, request.status))) return refuse('changedMeanwhile');
  // The three of them are invited (again, to the same event, if the facilitators changed).
  await syncQualificationMeeting(deps, updated);
  for (const facilitator of updated.facilitators) {
    await notifyPerson(
      deps,
      `lab-session:${updated.id}:assigned:${updated.updatedAt.toISOString()}:${facilitator.aadId.toLowerCase()}`,
      facilitator.aadId,
      { kind: LAB_SESSION_NOTICES.assigned, data: toNoticeData(updated) },
    );
  }
  await notifyRequestStep(deps, updated, 'qualification');
  return { ok: true, value: updated };
}
