import type {
  SessionRequest,
  SessionRequestFields,
} from '../../src/core/lab-sessions/session-request';

/** A director who asks the Lab for a session. */
export const REQUESTER = { aadId: 'aaaaaaaa-0000-4000-8000-000000000001', name: 'Dominique Roy' };
/** Two members of the Lab's extended team. */
export const FACILITATOR_A = { aadId: 'ffffffff-0000-4000-8000-00000000000a', name: 'Aline Facil' };
export const FACILITATOR_B = { aadId: 'ffffffff-0000-4000-8000-00000000000b', name: 'Bruno Facil' };

/** A complete, valid request form. */
export const VALID_FIELDS: SessionRequestFields = {
  subject: 'Accueil des nouveaux allocataires',
  problem: 'Les nouveaux allocataires attendent trop longtemps un premier rendez-vous.',
  intendedResult: 'Trois prototypes de parcours d’accueil à tester en agence.',
  sponsor: '',
  internalParticipants: 30,
  externalParticipants: 12,
  desiredPeriod: 'mars 2027',
  constraints: 'Pas le lundi.',
};

/** A request as stored just after it was sent. */
export function makeRequest(overrides: Partial<SessionRequest> = {}): SessionRequest {
  return {
    id: 'req-1',
    trackingNumber: 'LAB-2026-001',
    status: 'requested',
    requester: REQUESTER,
    requesterTimeZone: 'Europe/Paris',
    fields: VALID_FIELDS,
    facilitators: [],
    decision: null,
    sessionDay: null,
    coldDebriefDay: null,
    createdAt: new Date('2026-11-20T09:00:00.000Z'),
    updatedAt: new Date('2026-11-20T09:00:00.000Z'),
    ...overrides,
  };
}
