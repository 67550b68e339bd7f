import type { SessionDebriefAnswer } from '../ports/lab-session-store';
import { refuse } from '../validation/outcome';
import type { ValidationIssue } from '../validation/validation-issue';
import type { LabSessionDeps, SessionActor } from './lab-session-deps';
import type { LabSessionOutcome } from './lab-session-refusal';
import { reachableIds } from './manage-participants';
import { findSponsor } from './notify-requester';
import { placeParticipants } from './session-participant';
import { isFacilitatorOf, isRequesterOf, sameId, type SessionRequest } from './session-request';

/** The hot debrief's questions: satisfaction 1 to 5, what one takes away, one free text. */
export const HOT_DEBRIEF_FIELDS = [
  { id: 'takeaway', required: false, maxLength: 1000 },
  { id: 'comment', required: false, maxLength: 2000 },
] as const;

/** The cold debrief's questions: what was implemented since, what changed, a follow-up wanted. */
export const COLD_DEBRIEF_FIELDS = [
  { id: 'implemented', required: true, maxLength: 2000 },
  { id: 'changed', required: false, maxLength: 2000 },
] as const;

/**
 * Who is asked each debrief: the hot one the requester, the facilitators and the internal
 * participants with a seat; the cold one the requester and the sponsor the bot could reach.
 */
export async function mayAnswerDebrief(
  deps: Pick<LabSessionDeps, 'directory' | 'sessions'>,
  request: SessionRequest,
  kind: 'hot' | 'cold',
  aadId: string,
): Promise<boolean> {
  if (isRequesterOf(request, aadId)) return true;
  if (kind === 'hot') {
    if (isFacilitatorOf(request, aadId)) return true;
    const { seated } = placeParticipants(await deps.sessions.listParticipants(request.id));
    return (await reachableIds(deps, seated)).some((id) => sameId(id, aadId));
  }
  return (await findSponsor(deps, request)).some((sponsor) => sameId(sponsor.aadId, aadId));
}

/**
 * Records one person's answer to a debrief card, in place (a second answer replaces the first).
 * Only the people the card was sent to may answer, and only once the session was held (the cold
 * debrief once it was sent).
 */
export async function answerDebrief(
  deps: Pick<LabSessionDeps, 'sessions' | 'clock' | 'directory'>,
  input: {
    actor: SessionActor;
    requestId: string;
    kind: 'hot' | 'cold';
    raw: Record<string, unknown>;
  },
): Promise<LabSessionOutcome<{ request: SessionRequest; answer: SessionDebriefAnswer }>> {
  const request = await deps.sessions.get(input.requestId);
  if (request === undefined) return refuse('notFound');
  if (!(await mayAnswerDebrief(deps, request, input.kind, input.actor.aadId))) {
    return refuse('notFound');
  }
  const open =
    input.kind === 'hot'
      ? request.status === 'held' || request.status === 'coldDebrief'
      : request.status === 'coldDebrief';
  if (!open) return refuse('wrongStatus', { status: request.status });
  const issues: ValidationIssue[] = [];
  const answers: Record<string, string | number> = {};
  if (input.kind === 'hot') {
    const satisfaction = Number(input.raw.satisfaction);
    if (input.raw.satisfaction === undefined || input.raw.satisfaction === '') {
      issues.push({ path: ['satisfaction'], code: 'required', params: {} });
    } else if (!Number.isInteger(satisfaction) || satisfaction < 1 || satisfaction > 5) {
      issues.push({ path: ['satisfaction'], code: 'choice', params: { allowed: '1, 2, 3, 4, 5' } });
    } else answers.satisfaction = satisfaction;
  } else {
    const followUp = input.raw.followUp;
    if (followUp !== 'yes' && followUp !== 'no') {
      issues.push({
        path: ['followUp'],
        code: followUp === undefined || followUp === '' ? 'required' : 'choice',
        params: { allowed: 'yes, no' },
      });
    } else answers.followUp = followUp;
  }
  for (const field of input.kind === 'hot' ? HOT_DEBRIEF_FIELDS : COLD_DEBRIEF_FIELDS) {
    const value = input.raw[field.id];
    if (value !== undefined && typeof value !== 'string') {
      issues.push({ path: [field.id], code: 'expectedText', params: {} });
      continue;
    }
    const text = (value ?? '').trim();
    if (field.required && text === '')
      issues.push({ path: [field.id], code: 'required', params: {} });
    else if (text.length > field.maxLength) {
      issues.push({ path: [field.id], code: 'tooLong', params: { max: field.maxLength } });
    } else answers[field.id] = text;
  }
  if (issues.length > 0) return refuse('invalid', {}, issues);
  const answer: SessionDebriefAnswer = {
    requestId: request.id,
    kind: input.kind,
    aadId: input.actor.aadId.toLowerCase(),
    answers,
    answeredAt: deps.clock.now(),
  };
  await deps.sessions.saveDebrief(answer);
  return { ok: true, value: { request, answer } };
}
