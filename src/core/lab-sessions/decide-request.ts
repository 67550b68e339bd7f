import { toLocalDay, addDays } from '../scheduling/local-days';
import { refuse } from '../validation/outcome';
import type { ValidationIssue } from '../validation/validation-issue';
import type { LabSessionDeps, SessionActor } from './lab-session-deps';
import type { LabSessionOutcome } from './lab-session-refusal';
import { notifyRequestStep } from './notify-requester';
import { syncQualificationMeeting } from './qualification-meeting';
import type { SessionRequest } from './session-request';

/** The longest reason kept; a go or a no says why in a few sentences. */
export const MAX_REASON_LENGTH = 1000;

/**
 * The Lab team's go or no-go on a qualified request, with its reason in words. A go needs the
 * qualification card, with objectives judged reachable, and starts the preparation; a no declines
 * it; "not now" puts it off until a later day, when it comes back to the Lab team. The requester
 * and the facilitators are told.
 */
export async function decideRequest(
  deps: LabSessionDeps,
  input: {
    actor: SessionActor;
    requestId: string;
    decision: 'go' | 'noGo' | 'notNow';
    reason: unknown;
    revisitOn: unknown;
  },
): Promise<LabSessionOutcome<SessionRequest>> {
  if (!input.actor.isLab) return refuse('labOnly');
  const request = await deps.sessions.get(input.requestId);
  if (request === undefined) return refuse('notFound');
  if (request.status !== 'qualification') return refuse('wrongStatus', { status: request.status });
  // A go needs the facilitators' qualification, with objectives they judged reachable.
  if (input.decision === 'go' && request.qualification?.objectivesReachable !== true) {
    return refuse('notQualified');
  }
  const now = deps.clock.now();
  const today = toLocalDay(now, request.requesterTimeZone);
  const issues: ValidationIssue[] = [];
  const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
  if (reason === '') issues.push({ path: ['reason'], code: 'required', params: {} });
  else if (reason.length > MAX_REASON_LENGTH) {
    issues.push({ path: ['reason'], code: 'tooLong', params: { max: MAX_REASON_LENGTH } });
  }
  const revisitOn = typeof input.revisitOn === 'string' ? input.revisitOn.trim() : '';
  if (input.decision === 'notNow') {
    if (revisitOn === '') issues.push({ path: ['revisitOn'], code: 'required', params: {} });
    else if (!/^\d{4}-\d{2}-\d{2}$/.test(revisitOn)) {
      issues.push({ path: ['revisitOn'], code: 'date', params: { value: revisitOn } });
    } else if (revisitOn <= today) {
      issues.push({
        path: ['revisitOn'],
        code: 'dateOrder',
        params: { previousDate: addDays(today, 1), previous: today },
      });
    }
  }
  if (issues.length > 0) return refuse('invalid', {}, issues);
  const by = input.actor.aadId;
  const updated: SessionRequest = {
    ...request,
    status:
      input.decision === 'go'
        ? 'preparation'
        : input.decision === 'noGo'
          ? 'declined'
          : 'postponed',
    decision:
      input.decision === 'notNow'
        ? { kind: 'notNow', reason, by, at: now, revisitOn }
        : { kind: input.decision, reason, by, at: now },
    // Put off, the request comes back in qualification: its meeting is set again then.
    qualificationMeeting: input.decision === 'notNow' ? null : request.qualificationMeeting,
    updatedAt: now,
  };
  if (!(await deps.sessions.update(updated, request.status))) return refuse('changedMeanwhile');
  // A no or a "not now" cancels a qualification meeting still to come; a go leaves it.
  await syncQualificationMeeting(deps, updated);
  await notifyRequestStep(deps, updated, input.decision, {
    facilitatorsToo: true,
    sponsorToo: true,
  });
  return { ok: true, value: updated };
}
