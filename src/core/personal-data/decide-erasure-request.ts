import type { Person } from '../people/role';
import { erasePerson } from './erase-person';
import type { ErasureDeps } from './request-erasure';

/** What the Lab team's decision did, or why it could not be made. */
export type ErasureDecisionOutcome =
  | { kind: 'erased'; pseudonymName: string | null }
  | { kind: 'deferred'; eraseAfter: string }
  | { kind: 'refused'; reason: 'forbidden' | 'notFound' | 'alreadyDecided' };

/**
 * The Lab team decides a pending erasure request: erase now (the person leaves the teams and
 * the sends), or keep the data until the programme's end (the person is told; the retention job
 * erases them the day after). Only the Lab team decides, from its roles, never from card data.
 */
export async function decideErasureRequest(
  deps: ErasureDeps,
  input: { actor: Person; requestId: string; decision: 'erase' | 'defer' },
): Promise<ErasureDecisionOutcome> {
  if (!input.actor.roles.has('lab')) return { kind: 'refused', reason: 'forbidden' };
  const request = await deps.requests.get(input.requestId);
  if (request === undefined) return { kind: 'refused', reason: 'notFound' };
  const now = deps.clock.now();
  if (input.decision === 'defer') {
    if (
      !(await deps.requests.decide(request.id, ['pending'], 'deferred', input.actor.aadId, now))
    ) {
      return { kind: 'refused', reason: 'alreadyDecided' };
    }
    await deps.audit.append({
      at: now,
      actor: input.actor.aadId,
      action: 'personalData.erasureDeferred',
      programmeId: '',
      subjectId: request.id,
      details: { eraseAfter: request.eraseAfter },
    });
    await deps.notifier.notify(
      `erasure-deferred:${request.id}`,
      { kind: 'user', aadId: request.aadId },
      { kind: 'personalData.erasureDeferred', data: { eraseAfter: request.eraseAfter } },
    );
    return { kind: 'deferred', eraseAfter: request.eraseAfter };
  }
  if (request.state === 'erased') return { kind: 'refused', reason: 'alreadyDecided' };
  const result = await erasePerson(deps, {
    kind: 'admin',
    admin: input.actor.aadId,
    subject: request.aadId,
  });
  // The erasure rewrote the request's person id; it is found again by its own id.
  await deps.requests.decide(request.id, ['pending', 'deferred'], 'erased', input.actor.aadId, now);
  return { kind: 'erased', pseudonymName: result.pseudonymName };
}
