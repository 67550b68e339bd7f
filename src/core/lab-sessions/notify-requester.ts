import type { LabSessionDeps } from './lab-session-deps';
import { LAB_SESSION_NOTICES, toNoticeData, type SessionUpdateStep } from './lab-session-notices';
import type { SessionRequest } from './session-request';

/**
 * Tells the requester (and, when asked, the facilitators) of a step of their request. Keys name
 * the step and its moment, so a repeated call queues nothing new while a later change is told.
 */
export async function notifyRequestStep(
  deps: Pick<LabSessionDeps, 'notifier'>,
  request: SessionRequest,
  step: SessionUpdateStep,
  options: { facilitatorsToo?: boolean } = {},
): Promise<void> {
  const people = [
    request.requester,
    ...(options.facilitatorsToo === true ? request.facilitators : []),
  ];
  const at = request.updatedAt.toISOString();
  for (const person of people) {
    await deps.notifier.notify(
      `lab-session:${request.id}:${step}:${at}:${person.aadId.toLowerCase()}`,
      { kind: 'user', aadId: person.aadId },
      { kind: LAB_SESSION_NOTICES.update, data: { ...toNoticeData(request), step } },
    );
  }
}
