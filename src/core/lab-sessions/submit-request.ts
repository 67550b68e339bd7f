import { refuse } from '../validation/outcome';
import type { LabSessionDeps, SessionActor } from './lab-session-deps';
import { LAB_SESSION_NOTICES, toNoticeData } from './lab-session-notices';
import { notifyRecipients } from './notify-person';
import type { LabSessionOutcome } from './lab-session-refusal';
import { DEFAULT_TIME_ZONE } from '../scheduling/compute-send-instant';
import { formatTrackingNumber, isRequesterOf, type SessionRequest } from './session-request';

/** The same form sent again within this time is the same request: a double click, a retry. */
export const RESUBMIT_WINDOW_MS = 10 * 60 * 1000;
import {
  toRequestFormValues,
  validateRequestFields,
  type RequestFormValues,
} from './validate-request-fields';

/**
 * Sends a session request: any staff member may ask. The form is checked field by field (nothing
 * is written when a field is wrong); the request gets the year's next tracking number, the
 * requester's draft is dropped and the Lab team is told.
 */
export async function submitRequest(
  deps: LabSessionDeps,
  input: { actor: SessionActor; raw: Record<string, unknown> },
): Promise<LabSessionOutcome<SessionRequest>> {
  const checked = validateRequestFields(input.raw);
  if (!checked.ok) return refuse('invalid', {}, checked.issues);
  const now = deps.clock.now();
  // A second click on "send" (or Teams retrying the invoke) gives back the request just made.
  const recent = (await deps.sessions.listForPerson(input.actor.aadId)).find(
    (request) =>
      isRequesterOf(request, input.actor.aadId) &&
      request.status === 'requested' &&
      now.getTime() - request.createdAt.getTime() < RESUBMIT_WINDOW_MS &&
      JSON.stringify(request.fields) === JSON.stringify(checked.fields),
  );
  if (recent !== undefined) return { ok: true, value: recent };
  const timeZone = input.actor.timeZone ?? DEFAULT_TIME_ZONE;
  const year = Number(now.toISOString().slice(0, 4));
  const sequence = await deps.sessions.nextSequence(year);
  const request: SessionRequest = {
    id: deps.ids.newId(),
    trackingNumber: formatTrackingNumber(year, sequence),
    status: 'requested',
    requester: { aadId: input.actor.aadId, name: input.actor.name },
    requesterTimeZone: timeZone,
    fields: checked.fields,
    facilitators: [],
    qualificationMeeting: null,
    sequencing: null,
    priority: null,
    qualification: null,
    decision: null,
    sessionDay: null,
    coldDebriefDay: null,
    createdAt: now,
    updatedAt: now,
  };
  await deps.sessions.insert(request);
  await deps.sessions.deleteDraft(input.actor.aadId);
  await notifyRecipients(
    deps,
    (who) => `lab-session:${request.id}:requested:${who}`,
    await deps.labRecipients(),
    { kind: LAB_SESSION_NOTICES.requested, data: toNoticeData(request) },
  );
  return { ok: true, value: request };
}

/** Keeps what the requester typed so far, to refill the form next time. */
export async function saveRequestDraft(
  deps: LabSessionDeps,
  input: { actor: SessionActor; raw: Record<string, unknown> },
): Promise<RequestFormValues> {
  const values = toRequestFormValues(input.raw);
  await deps.sessions.saveDraft({
    aadId: input.actor.aadId,
    values,
    updatedAt: deps.clock.now(),
  });
  return values;
}
