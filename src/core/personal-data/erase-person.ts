import type { ErasureCounts } from '../ports/personal-data-store';
import type { PersonalDataDeps } from './personal-data-deps';

/**
 * Who asks for an erasure: the person themselves (the subject is the authenticated sender, never
 * anything a card carries), or an admin on the command line naming a person by e-mail or id.
 */
export type ErasureRequest =
  { kind: 'self'; aadId: string } | { kind: 'admin'; admin: string; subject: string };

/** What an erasure did: the pseudonym that stands in, and the rows per table. */
export interface ErasureResult {
  found: boolean;
  pseudonymName: string | null;
  counts: ErasureCounts;
}

/**
 * Erases a person across every table of the register (see PersonalDataStore.erase). The audit
 * entry names the pseudonym, never the person.
 */
export async function erasePerson(
  deps: Pick<PersonalDataDeps, 'store' | 'clock' | 'pseudonymOf'>,
  request: ErasureRequest,
): Promise<ErasureResult> {
  const subject = request.kind === 'self' ? request.aadId : request.subject.trim();
  const person = await deps.store.findPerson(subject);
  if (person === undefined) {
    return { found: false, pseudonymName: null, counts: { deleted: {}, pseudonymised: {} } };
  }
  const pseudonym = deps.pseudonymOf(person.aadId);
  const counts = await deps.store.erase(person, pseudonym, {
    at: deps.clock.now(),
    actor: request.kind === 'self' ? pseudonym.aadId : request.admin,
    action: 'personalData.erasure',
    programmeId: '',
    subjectId: pseudonym.aadId,
    details: { requestedBy: request.kind },
  });
  return { found: true, pseudonymName: pseudonym.name, counts };
}
