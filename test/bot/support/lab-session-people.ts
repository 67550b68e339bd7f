import { FIXTURE_ADMIN_AAD_ID } from './bot-harness';

/** Someone writing to the bot in the Lab session bot tests. */
export interface SessionUser {
  id: string;
  name: string;
  aadObjectId: string;
}

/** The Lab admin of the fixture activities. */
export const ADMIN: SessionUser = {
  id: '29:1Q9pR4s8dZW-user-lab',
  name: 'Nadia Benali',
  aadObjectId: FIXTURE_ADMIN_AAD_ID,
};
/** A manager who asks for a session. */
export const REQUESTER: SessionUser = {
  id: '29:1Z8mN2r7cYQ-user-camille',
  name: 'Camille Martin',
  aadObjectId: '6a1f0c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b',
};
/** The two facilitators the Lab assigns. */
export const FACILITATOR_A: SessionUser = {
  id: '29:fac-a',
  name: 'Aline Facil',
  aadObjectId: 'ffffffff-0000-4000-8000-00000000000a',
};
export const FACILITATOR_B: SessionUser = {
  id: '29:fac-b',
  name: 'Bruno Facil',
  aadObjectId: 'ffffffff-0000-4000-8000-00000000000b',
};

/** A request form as a requester fills it, every field valid. */
export const VALID_FORM = {
  subject: 'Accueil des nouveaux allocataires',
  problem: 'Les premiers rendez-vous arrivent trop tard.',
  intendedResult: 'Trois prototypes de parcours d’accueil.',
  sponsor: '',
  internalParticipants: '30',
  externalParticipants: '12',
  desiredPeriod: 'mars 2027',
  constraints: '',
};
