import type { NoticeRecipient, Notifier } from '../ports/notifier';
import type { ErasureRequest, ErasureRequestStore } from '../ports/erasure-request-store';
import type { ProgrammeStore } from '../ports/programme-store';
import { erasePerson } from './erase-person';
import type { PersonalDataDeps } from './personal-data-deps';

/** What erasure needs beyond the personal data use cases: programmes, requests, the Lab. */
export interface ErasureDeps extends PersonalDataDeps {
  requests: ErasureRequestStore;
  programmes: Pick<ProgrammeStore, 'list'>;
  notifier: Notifier;
  /** Where the Lab team hears of requests (its channel, or each member). */
  labTeam: readonly NoticeRecipient[];
}

/** What happened to a person's request: erased now, or waiting for the Lab team's decision. */
export type ErasureAnswer =
  | { kind: 'erased'; pseudonymName: string | null }
  | { kind: 'pending'; request: ErasureRequest; programmeNames: string[] };

/**
 * A person asks to be erased. When no programme in progress needs them, it is done at once.
 * When one does (they are placed in a team, or hold a seat, and it has not ended), the Lab team
 * gets a request card to decide, and the erasure runs by itself after the programme's end.
 */
export async function requestErasure(
  deps: ErasureDeps,
  input: { aadId: string; today: string },
): Promise<ErasureAnswer> {
  const programmes = await deps.programmes.list();
  const nameOf = (id: string) => programmes.find((p) => p.id === id)?.name ?? id;
  const open = await deps.requests.findOpen(input.aadId);
  if (open !== undefined) {
    return { kind: 'pending', request: open, programmeNames: open.programmeIds.map(nameOf) };
  }
  const needing = new Set(await deps.requests.programmesNeeding(input.aadId));
  const inProgress = programmes.filter((p) => needing.has(p.id) && p.milestones.end >= input.today);
  if (inProgress.length === 0) {
    const result = await erasePerson(deps, { kind: 'self', aadId: input.aadId });
    return { kind: 'erased', pseudonymName: result.pseudonymName };
  }
  const now = deps.clock.now();
  const request: ErasureRequest = {
    id: deps.ids.newId(),
    aadId: input.aadId,
    programmeIds: inProgress.map((p) => p.id),
    requestedAt: now,
    eraseAfter: inProgress
      .map((p) => p.milestones.end)
      .sort()
      .at(-1)!,
    state: 'pending',
    decidedBy: null,
    decidedAt: null,
  };
  await deps.requests.create(request);
  await deps.audit.append({
    at: now,
    actor: input.aadId,
    action: 'personalData.erasureRequest',
    programmeId: '',
    subjectId: request.id,
    details: { programmeIds: request.programmeIds, eraseAfter: request.eraseAfter },
  });
  const person = await deps.store.findPerson(input.aadId);
  const programmeNames = inProgress.map((p) => p.name);
  for (const [index, recipient] of deps.labTeam.entries()) {
    await deps.notifier.notify(`erasure-request:${request.id}:${index}`, recipient, {
      kind: 'personalData.erasureRequest',
      data: {
        requestId: request.id,
        name: person?.name ?? '',
        programmes: programmeNames.join(', '),
        eraseAfter: request.eraseAfter,
      },
    });
  }
  return { kind: 'pending', request, programmeNames };
}
