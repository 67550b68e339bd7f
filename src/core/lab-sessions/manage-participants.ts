import { refuse } from '../validation/outcome';
import type { ValidationIssue } from '../validation/validation-issue';
import type { LabSessionDeps, SessionActor } from './lab-session-deps';
import type { LabSessionOutcome } from './lab-session-refusal';
import { LAB_SESSION_NOTICES, toNoticeData } from './lab-session-notices';
import { notifyPerson } from './notify-person';
import {
  isSamePerson,
  MAX_LISTED_PARTICIPANTS,
  parseParticipantLines,
  parsePickedIds,
  PARTICIPANT_STATUSES,
  placeParticipants,
  type NewParticipant,
  type SessionParticipant,
} from './session-participant';
import { isFacilitatorOf, isRequesterOf, type SessionRequest } from './session-request';

/** The card's inputs for adding people: the people picker, addresses, external guests. */
export const PARTICIPANT_INPUTS = {
  picked: 'participantsPicked',
  emails: 'participantsEmails',
  external: 'participantsExternal',
  remove: 'participantsRemove',
} as const;

/** What a request's participants are, for those who may see them. */
export interface ParticipantList {
  request: SessionRequest;
  seated: SessionParticipant[];
  waitlist: SessionParticipant[];
}

/** What adding people did: who got a seat, who waits, who was listed already. */
export interface AddedParticipants extends ParticipantList {
  seatedNow: number;
  waitlistedNow: number;
  alreadyListed: number;
}

/** What removing people did, and who moved from the waitlist to a seat. */
export interface RemovedParticipants extends ParticipantList {
  removed: number;
  promoted: number;
}

/**
 * The requester, the two facilitators and the Lab team propose participants; anyone else gets the
 * answer an unknown request gets, so nothing of the request shows.
 */
async function readEditable(
  deps: Pick<LabSessionDeps, 'sessions'>,
  actor: SessionActor,
  requestId: string,
): Promise<LabSessionOutcome<SessionRequest>> {
  const request = await deps.sessions.get(requestId);
  if (request === undefined) return refuse('notFound');
  if (
    !actor.isLab &&
    !isRequesterOf(request, actor.aadId) &&
    !isFacilitatorOf(request, actor.aadId)
  ) {
    return refuse('notFound');
  }
  if (!PARTICIPANT_STATUSES.includes(request.status)) {
    return refuse('wrongStatus', { status: request.status });
  }
  return { ok: true, value: request };
}

/** A request's seats and waitlist, for the requester, its facilitators and the Lab team. */
export async function listParticipants(
  deps: Pick<LabSessionDeps, 'sessions'>,
  input: { actor: SessionActor; requestId: string },
): Promise<LabSessionOutcome<ParticipantList>> {
  const request = await deps.sessions.get(input.requestId);
  if (request === undefined) return refuse('notFound');
  const { actor } = input;
  if (
    !actor.isLab &&
    !isRequesterOf(request, actor.aadId) &&
    !isFacilitatorOf(request, actor.aadId)
  ) {
    return refuse('notFound');
  }
  return {
    ok: true,
    value: { request, ...placeParticipants(await deps.sessions.listParticipants(request.id)) },
  };
}

/**
 * Adds the people the card names: picked in Teams, typed by address (internal) or by name and
 * address (external guests). Beyond 60 seats they wait, first come first served; nobody is added
 * when the request would list more than 60 + the waitlist's length. Once the session's day is
 * set, internal people who got a seat are invited.
 */
export async function addParticipants(
  deps: LabSessionDeps,
  input: { actor: SessionActor; requestId: string; raw: Record<string, unknown> },
): Promise<LabSessionOutcome<AddedParticipants>> {
  const read = await readEditable(deps, input.actor, input.requestId);
  if (!read.ok) return read;
  const request = read.value;
  const picked = parsePickedIds(
    PARTICIPANT_INPUTS.picked,
    input.raw[PARTICIPANT_INPUTS.picked],
    MAX_LISTED_PARTICIPANTS,
  );
  const emails = parseParticipantLines(
    PARTICIPANT_INPUTS.emails,
    input.raw[PARTICIPANT_INPUTS.emails],
    {
      nameRequired: false,
      maxLines: MAX_LISTED_PARTICIPANTS,
    },
  );
  const external = parseParticipantLines(
    PARTICIPANT_INPUTS.external,
    input.raw[PARTICIPANT_INPUTS.external],
    { nameRequired: true, maxLines: MAX_LISTED_PARTICIPANTS },
  );
  const issues: ValidationIssue[] = [...picked.issues, ...emails.issues, ...external.issues];
  if (issues.length > 0) return refuse('invalid', {}, issues);
  const now = deps.clock.now();
  const known = await deps.peopleOf(picked.ids);
  const candidates: NewParticipant[] = [
    ...picked.ids.map((aadId): NewParticipant => {
      const person = known.get(aadId.toLowerCase());
      return {
        id: deps.ids.newId(),
        kind: 'internal',
        aadId,
        email: person?.email ?? null,
        name: person?.name ?? '',
        addedBy: input.actor.aadId,
        addedAt: now,
      };
    }),
    ...emails.lines.map((line): NewParticipant => ({
      id: deps.ids.newId(),
      kind: 'internal',
      aadId: null,
      email: line.email,
      name: line.name,
      addedBy: input.actor.aadId,
      addedAt: now,
    })),
    ...external.lines.map((line): NewParticipant => ({
      id: deps.ids.newId(),
      kind: 'external',
      aadId: null,
      email: line.email,
      name: line.name,
      addedBy: input.actor.aadId,
      addedAt: now,
    })),
  ];
  if (candidates.length === 0) {
    return refuse('invalid', {}, [
      { path: [PARTICIPANT_INPUTS.picked], code: 'required', params: {} },
    ]);
  }
  const before = await deps.sessions.listParticipants(request.id);
  // One person named twice on the card, or already listed, is added once.
  const fresh: NewParticipant[] = [];
  for (const candidate of candidates) {
    if (![...before, ...fresh].some((other) => isSamePerson(other, candidate)))
      fresh.push(candidate);
  }
  const tooMany = (): LabSessionOutcome<AddedParticipants> =>
    refuse('invalid', {}, [
      {
        path: [PARTICIPANT_INPUTS.picked],
        code: 'max',
        params: {
          max: MAX_LISTED_PARTICIPANTS,
          free: Math.max(0, MAX_LISTED_PARTICIPANTS - before.length),
        },
      },
    ]);
  if (before.length + fresh.length > MAX_LISTED_PARTICIPANTS) return tooMany();
  const added =
    fresh.length === 0
      ? []
      : await deps.sessions.addParticipants(request.id, fresh, MAX_LISTED_PARTICIPANTS, {
          // Checked again with the write: a withdrawal since our read means nobody is listed.
          openStatuses: PARTICIPANT_STATUSES,
        });
  if (added === 'closed') {
    const now = await deps.sessions.get(request.id);
    return refuse('wrongStatus', { status: now?.status ?? 'withdrawn' });
  }
  // Someone else filled the list between our read and our write: nothing was written.
  if (added === undefined) return tooMany();
  const placed = placeParticipants(await deps.sessions.listParticipants(request.id));
  const addedIds = new Set(added.map((p) => p.id));
  const seatedNow = placed.seated.filter((p) => addedIds.has(p.id));
  await inviteParticipants(deps, request, seatedNow);
  return {
    ok: true,
    value: {
      request,
      ...placed,
      seatedNow: seatedNow.length,
      waitlistedNow: placed.waitlist.filter((p) => addedIds.has(p.id)).length,
      alreadyListed: candidates.length - added.length,
    },
  };
}

/**
 * Removes people from the seats or the waitlist; whoever waited longest takes a freed seat and,
 * once the day is set, is invited, while a colleague removed from a seat is told they are no
 * longer expected. Ids that are not this request's are refused.
 */
export async function removeParticipants(
  deps: LabSessionDeps,
  input: { actor: SessionActor; requestId: string; ids: unknown },
): Promise<LabSessionOutcome<RemovedParticipants>> {
  const read = await readEditable(deps, input.actor, input.requestId);
  if (!read.ok) return read;
  const request = read.value;
  const field = PARTICIPANT_INPUTS.remove;
  if (typeof input.ids !== 'string' || input.ids.trim() === '') {
    return refuse('invalid', {}, [
      {
        path: [field],
        code: input.ids === undefined || input.ids === '' ? 'required' : 'expectedText',
        params: {},
      },
    ]);
  }
  const ids = [
    ...new Set(
      input.ids
        .split(',')
        .map((id) => id.trim())
        .filter((id) => id !== ''),
    ),
  ];
  const before = await deps.sessions.listParticipants(request.id);
  if (ids.length > before.length || ids.some((id) => !before.some((p) => p.id === id))) {
    return refuse('invalid', {}, [{ path: [field], code: 'choice', params: { allowed: '…' } }]);
  }
  const seatedBefore = placeParticipants(before).seated;
  const removed = await deps.sessions.removeParticipants(request.id, ids);
  const placed = placeParticipants(await deps.sessions.listParticipants(request.id));
  const promoted = placed.seated.filter((p) => !seatedBefore.some((s) => s.id === p.id));
  // Those who had a seat were invited (once the day was set): they are told not to come.
  await tellRemoved(
    deps,
    request,
    seatedBefore.filter((p) => ids.includes(p.id)),
  );
  await inviteParticipants(deps, request, promoted);
  return { ok: true, value: { request, ...placed, removed, promoted: promoted.length } };
}

/**
 * Invites internal participants with a seat to the session, once its day is set: one notice per
 * request, listing and day (a day moved invites again, with the new day; someone removed then
 * added again is invited again). External guests are never messaged; an internal person known
 * only by an address the bot has never met cannot be reached yet. Returns how many were invited.
 */
export async function inviteParticipants(
  deps: Pick<LabSessionDeps, 'notifier' | 'clock' | 'zoneOf' | 'calendarFor' | 'directory'>,
  request: SessionRequest,
  participants: readonly SessionParticipant[],
): Promise<number> {
  return tellParticipants(deps, request, participants, 'invite', LAB_SESSION_NOTICES.invitation);
}

/** Tells internal people removed from their seat that they are no longer expected. */
async function tellRemoved(
  deps: Pick<LabSessionDeps, 'notifier' | 'clock' | 'zoneOf' | 'calendarFor' | 'directory'>,
  request: SessionRequest,
  participants: readonly SessionParticipant[],
): Promise<number> {
  return tellParticipants(deps, request, participants, 'uninvite', LAB_SESSION_NOTICES.uninvited);
}

/**
 * Tells the internal participants with a seat that a dated session will not take place (its
 * requester withdrew it while in preparation). `before` is the request as it was, in
 * preparation with its day.
 */
export async function tellSessionCancelled(
  deps: Pick<
    LabSessionDeps,
    'notifier' | 'clock' | 'zoneOf' | 'calendarFor' | 'directory' | 'sessions'
  >,
  before: SessionRequest,
): Promise<number> {
  const { seated } = placeParticipants(await deps.sessions.listParticipants(before.id));
  return tellParticipants(deps, before, seated, 'cancelled', LAB_SESSION_NOTICES.uninvited, {
    cancelled: true,
  });
}

async function tellParticipants(
  deps: Pick<LabSessionDeps, 'notifier' | 'clock' | 'zoneOf' | 'calendarFor' | 'directory'>,
  request: SessionRequest,
  participants: readonly SessionParticipant[],
  step: 'invite' | 'uninvite' | 'cancelled',
  kind: string,
  extra: Record<string, unknown> = {},
): Promise<number> {
  if (request.status !== 'preparation' || request.sessionDay === null) return 0;
  let told = 0;
  for (const person of participants) {
    const [aadId] = await reachableIds(deps, [person]);
    if (aadId === undefined) continue;
    await notifyPerson(
      deps,
      `lab-session:${request.id}:${step}:${request.sessionDay}:${aadId.toLowerCase()}:${person.id}`,
      aadId,
      { kind, data: { ...toNoticeData(request), ...extra } },
    );
    told += 1;
  }
  return told;
}

/** The Entra ids of the internal participants the bot can reach, each once. */
export async function reachableIds(
  deps: Pick<LabSessionDeps, 'directory'>,
  participants: readonly SessionParticipant[],
): Promise<string[]> {
  const ids = new Map<string, string>();
  for (const person of participants) {
    if (person.kind !== 'internal') continue;
    const aadId =
      person.aadId ??
      (person.email === null ? undefined : (await deps.directory.findByEmail(person.email))?.aadId);
    if (aadId !== undefined) ids.set(aadId.toLowerCase(), aadId);
  }
  return [...ids.values()];
}
