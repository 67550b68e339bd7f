import type { LabSessionDeps } from './lab-session-deps';
import { notifyPerson } from './notify-person';
import { LAB_SESSION_NOTICES, toNoticeData, type SessionUpdateStep } from './lab-session-notices';
import {
  isFacilitatorOf,
  isRequesterOf,
  type SessionPerson,
  type SessionRequest,
} from './session-request';

/**
 * Tells the requester (and, when asked, the facilitators) of a step of their request. Keys name
 * the step and its moment, so a repeated call queues nothing new while a later change is told.
 */
export async function notifyRequestStep(
  deps: Pick<LabSessionDeps, 'notifier' | 'directory' | 'clock' | 'zoneOf' | 'calendarFor'>,
  request: SessionRequest,
  step: SessionUpdateStep,
  options: { facilitatorsToo?: boolean; sponsorToo?: boolean } = {},
): Promise<void> {
  const people = [
    request.requester,
    ...(options.facilitatorsToo === true ? request.facilitators : []),
    ...(options.sponsorToo === true ? await findSponsor(deps, request) : []),
  ];
  const at = request.updatedAt.toISOString();
  for (const person of people) {
    await notifyPerson(
      deps,
      `lab-session:${request.id}:${step}:${at}:${person.aadId.toLowerCase()}`,
      person.aadId,
      { kind: LAB_SESSION_NOTICES.update, data: { ...toNoticeData(request), step } },
    );
  }
}

/**
 * The sponsor the form names by e-mail, when the bot has met them (a person who never wrote to
 * the bot cannot be reached); never the requester or a facilitator twice.
 */
export async function findSponsor(
  deps: Pick<LabSessionDeps, 'directory'>,
  request: SessionRequest,
): Promise<SessionPerson[]> {
  const email = request.fields.sponsorEmail;
  if (email === '') return [];
  const sponsor = await deps.directory.findByEmail(email);
  if (sponsor === undefined) return [];
  if (isRequesterOf(request, sponsor.aadId) || isFacilitatorOf(request, sponsor.aadId)) return [];
  return [sponsor];
}
