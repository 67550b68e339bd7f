import type { SessionRequest } from './session-request';

/** Notice kinds of Lab sessions; the Teams module renders each one. */
export const LAB_SESSION_NOTICES = {
  /** To the Lab team: a new request, or a postponed one back. */
  requested: 'labSession.requested',
  /** To the requester (and facilitators): a step of their request. */
  update: 'labSession.update',
  /** To a facilitator: they were named on a request. */
  assigned: 'labSession.assigned',
  /** To the Lab team: the requester withdrew. */
  withdrawn: 'labSession.withdrawn',
  /** To each facilitator: a preparation milestone (J-28, J-21, J-7, J-1). */
  milestone: 'labSession.milestone',
  /** To an internal participant with a seat: the session's day, first name only. */
  invitation: 'labSession.invitation',
  /** To an internal participant removed from their seat after being invited. */
  uninvited: 'labSession.uninvited',
  hotDebrief: 'labSession.hotDebrief',
  coldDebrief: 'labSession.coldDebrief',
} as const;

/** The steps a requester is told of. */
export type SessionUpdateStep = 'qualification' | 'go' | 'noGo' | 'notNow' | 'scheduled';

/** The plain data every Lab session notice carries about its request. */
export function toNoticeData(request: SessionRequest): Record<string, unknown> {
  return {
    requestId: request.id,
    trackingNumber: request.trackingNumber,
    subject: request.fields.subject,
    requesterName: request.requester.name,
    status: request.status,
    facilitators: request.facilitators.map((f) => f.name).join(', '),
    sessionDay: request.sessionDay ?? '',
    coldDebriefDay: request.coldDebriefDay ?? '',
    reason: request.decision?.reason ?? '',
    revisitOn: request.decision?.kind === 'notNow' ? request.decision.revisitOn : '',
    meetingDay: request.qualificationMeeting?.day ?? '',
    meetingTime: request.qualificationMeeting?.time ?? '',
    meetingZone: request.qualificationMeeting?.timeZone ?? '',
    meetingDuration: request.qualificationMeeting?.durationMinutes ?? '',
  };
}
