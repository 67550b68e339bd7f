import type { ExportToken, ExportTokenStore } from '../ports/export-token-store';
import type { AuditLog } from '../ports/audit-log';
import type { Clock } from '../ports/clock';
import type { IdSource } from '../ports/id-source';
import type { LabSessionStore } from '../ports/lab-session-store';
import type { ExportCell, ExportTable } from '../selection/build-export-tables';
import { EXPORT_LINK_TTL_MS } from '../selection/create-export-link';
import { refuse } from '../validation/outcome';
import type { SessionActor } from './lab-session-deps';
import type { LabSessionOutcome } from './lab-session-refusal';
import { placeParticipants, toFirstName } from './session-participant';
import type { SessionRequest } from './session-request';

/** Tokens of the requests-and-sessions export start with this; only its route accepts them. */
export const SESSIONS_EXPORT_TOKEN_PREFIX = 'labsessions-';
/** Tokens of a session's badge list; the token's scope (`programmeId`) is the request's id. */
export const BADGES_EXPORT_TOKEN_PREFIX = 'labbadges-';

/** What issuing and redeeming a Lab session export needs. */
export interface SessionExportDeps {
  exportTokens: ExportTokenStore;
  audit: AuditLog;
  clock: Clock;
  ids: IdSource;
  sessions: LabSessionStore;
}

/**
 * Issues a single-use, 15-minute permission for a Lab team member to download the requests and
 * sessions (.xlsx), or one session's first-name badges, and records it in the audit log. Anyone
 * else is refused; a badge list of an unknown request too.
 */
export async function createSessionExportLink(
  deps: Pick<SessionExportDeps, 'exportTokens' | 'clock' | 'ids' | 'sessions'>,
  input: { actor: SessionActor; kind: 'sessions' | 'badges'; requestId?: string },
): Promise<LabSessionOutcome<ExportToken>> {
  if (!input.actor.isLab) return refuse('labOnly');
  let scope = '';
  if (input.kind === 'badges') {
    const request =
      input.requestId === undefined ? undefined : await deps.sessions.get(input.requestId);
    if (request === undefined) return refuse('notFound');
    scope = request.id;
  }
  const now = deps.clock.now();
  const prefix =
    input.kind === 'badges' ? BADGES_EXPORT_TOKEN_PREFIX : SESSIONS_EXPORT_TOKEN_PREFIX;
  const token: ExportToken = {
    id: `${prefix}${deps.ids.newId()}`,
    programmeId: scope,
    adminAadId: input.actor.aadId,
    format: 'xlsx',
    createdAt: now,
    expiresAt: new Date(now.getTime() + EXPORT_LINK_TTL_MS),
    usedAt: null,
  };
  await deps.exportTokens.create(token, {
    at: now,
    actor: input.actor.aadId,
    action: 'export.link',
    programmeId: '',
    subjectId: token.id,
    details: { format: 'xlsx', labSessions: input.kind, expiresAt: token.expiresAt.toISOString() },
  });
  return { ok: true, value: token };
}

/** True for a token of the Lab sessions' exports (requests and sessions, or badges). */
export function isSessionExportToken(tokenId: string): boolean {
  return (
    tokenId.startsWith(SESSIONS_EXPORT_TOKEN_PREFIX) ||
    tokenId.startsWith(BADGES_EXPORT_TOKEN_PREFIX)
  );
}

/** The two sheets of the Lab sessions' export: every request, and the sessions with a day. */
export interface SessionExportTables {
  requests: ExportTable;
  sessions: ExportTable;
}

/**
 * Every request with its status, dates, effort and decision; every dated session with its
 * participants (seats, waitlist, internal, external) and its debriefs' results. Statuses and
 * decisions stay coded: the adapter words them in the reader's language.
 */
export async function buildSessionExportTables(
  deps: Pick<SessionExportDeps, 'sessions'>,
): Promise<SessionExportTables> {
  const requests = await deps.sessions.list();
  const hot = await deps.sessions.listAllDebriefs('hot');
  const cold = await deps.sessions.listAllDebriefs('cold');
  const requestRows: ExportCell[][] = [];
  const sessionRows: ExportCell[][] = [];
  // Oldest first, as the Lab reads a register.
  for (const request of [...requests].reverse()) {
    requestRows.push(toRequestRow(request));
    if (request.sessionDay === null) continue;
    const { seated, waitlist } = placeParticipants(
      await deps.sessions.listParticipants(request.id),
    );
    const hotScores = hot
      .filter((a) => a.requestId === request.id)
      .map((a) => Number(a.answers.satisfaction))
      .filter((n) => Number.isFinite(n));
    const colds = cold.filter((a) => a.requestId === request.id);
    sessionRows.push([
      request.trackingNumber,
      request.fields.subject,
      request.status,
      request.sessionDay,
      request.coldDebriefDay,
      seated.length,
      seated.filter((p) => p.kind === 'internal').length,
      seated.filter((p) => p.kind === 'external').length,
      waitlist.length,
      hotScores.length,
      hotScores.length === 0
        ? null
        : Math.round((hotScores.reduce((a, b) => a + b, 0) / hotScores.length) * 10) / 10,
      colds.length,
      colds.filter((a) => a.answers.followUp === 'yes').length,
    ]);
  }
  return {
    requests: {
      columns: [
        'trackingNumber',
        'subject',
        'status',
        'requester',
        'sponsor',
        'createdAt',
        'expectedInternal',
        'expectedExternal',
        'desiredPeriod',
        'facilitators',
        'effortDays',
        'decision',
        'decisionReason',
        'decidedAt',
        'sessionDay',
        'coldDebriefDay',
      ].map((id) => ({ id })),
      rows: requestRows,
    },
    sessions: {
      columns: [
        'trackingNumber',
        'subject',
        'status',
        'sessionDay',
        'coldDebriefDay',
        'seated',
        'internal',
        'external',
        'waitlist',
        'hotAnswers',
        'hotAverage',
        'coldAnswers',
        'followUpsWanted',
      ].map((id) => ({ id })),
      rows: sessionRows,
    },
  };
}

function toRequestRow(request: SessionRequest): ExportCell[] {
  return [
    request.trackingNumber,
    request.fields.subject,
    request.status,
    request.requester.name,
    request.fields.sponsor,
    request.createdAt.toISOString().slice(0, 10),
    request.fields.internalParticipants,
    request.fields.externalParticipants,
    request.fields.desiredPeriod,
    request.facilitators.map((f) => f.name || f.aadId).join(', '),
    request.qualification?.effortDays ?? null,
    request.decision?.kind ?? null,
    request.decision?.reason ?? null,
    request.decision?.at.toISOString().slice(0, 10) ?? null,
    request.sessionDay,
    request.coldDebriefDay,
  ];
}

/**
 * The badges of a session: the first name of each person with a seat, nothing else ("chacun vient
 * avec son prénom sans son grade ni sa fonction", seed 003), in alphabetical order so nobody's
 * rank shows through the order they were added in. A person whose name the bot does not know
 * gets an empty badge to write by hand.
 */
export async function buildBadgeTable(
  deps: Pick<SessionExportDeps, 'sessions'>,
  requestId: string,
): Promise<{ request: SessionRequest; table: ExportTable } | undefined> {
  const request = await deps.sessions.get(requestId);
  if (request === undefined) return undefined;
  const { seated } = placeParticipants(await deps.sessions.listParticipants(request.id));
  const names = seated
    .map((person) => toFirstName(person.name))
    .sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b, 'fr')));
  return {
    request,
    table: { columns: [{ id: 'firstName' }], rows: names.map((name) => [name]) },
  };
}
