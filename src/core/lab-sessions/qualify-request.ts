import { DEFAULT_TIME_ZONE } from '../scheduling/compute-send-instant';
import { toLocalDay } from '../scheduling/local-days';
import { refuse } from '../validation/outcome';
import type { ValidationIssue } from '../validation/validation-issue';
import type { LabSessionDeps, SessionActor } from './lab-session-deps';
import { LAB_SESSION_NOTICES, toNoticeData } from './lab-session-notices';
import type { LabSessionOutcome } from './lab-session-refusal';
import { notifyPerson } from './notify-person';
import { notifyRequestStep } from './notify-requester';
import { sameId, type SessionRequest } from './session-request';

/** "Une réunion de qualification avec deux facilitateurs" (seed 003). */
export const FACILITATORS_PER_SESSION = 2;

/**
 * The Lab team names the two facilitators who qualify a request (again while it is in
 * qualification): two different people of the facilitator pool, never the requester. Both are
 * told, and so is the requester.
 */
export async function qualifyRequest(
  deps: LabSessionDeps,
  input: {
    actor: SessionActor;
    requestId: string;
    facilitatorIds: readonly string[];
    /** The qualification meeting's day (YYYY-MM-DD) and time (HH:MM), in the actor's zone. */
    meetingDay?: unknown;
    meetingTime?: unknown;
  },
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
  const meeting = checkMeeting(input, deps.clock.now(), issues);
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

/**
 * The qualification meeting, both parts or neither: a day to come and a time, read in the zone of
 * the Lab member who sets it (cards then say the zone).
 */
function checkMeeting(
  input: { actor: SessionActor; meetingDay?: unknown; meetingTime?: unknown },
  now: Date,
  issues: ValidationIssue[],
): SessionRequest['qualificationMeeting'] {
  const day = typeof input.meetingDay === 'string' ? input.meetingDay.trim() : '';
  const time = typeof input.meetingTime === 'string' ? input.meetingTime.trim() : '';
  if (day === '' && time === '') return null;
  const timeZone = input.actor.timeZone ?? DEFAULT_TIME_ZONE;
  const today = toLocalDay(now, timeZone);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) {
    issues.push({
      path: ['meetingDay'],
      code: day === '' ? 'required' : 'date',
      params: { value: day },
    });
  } else if (day < today) {
    issues.push({
      path: ['meetingDay'],
      code: 'dateOrder',
      params: { previousDate: today, previous: today },
    });
  }
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) {
    issues.push({
      path: ['meetingTime'],
      code: time === '' ? 'required' : 'time',
      params: { value: time },
    });
  }
  return { day, time, timeZone };
}
