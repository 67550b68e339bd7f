import type { Kysely } from 'kysely';
import type {
  SessionDecision,
  SessionPriority,
  SessionQualification,
  SessionRequest,
  SessionStatus,
} from '../../core/lab-sessions/session-request';
import {
  DEFAULT_MEETING_MINUTES,
  type QualificationMeeting,
} from '../../core/lab-sessions/qualification-meeting';
import type {
  NewParticipant,
  SessionParticipant,
} from '../../core/lab-sessions/session-participant';
import type {
  LabSessionStore,
  SessionDebriefAnswer,
  SessionRequestDraft,
} from '../../core/ports/lab-session-store';
import type { Database } from './schema';

/** The Lab session tables (migrations 0012 and 0016), kept beside their store. */
// A type alias, not an interface: withTables wants an index-compatible record.
type LabSessionTables = {
  lab_session_requests: {
    id: string;
    tracking_number: string;
    status: string;
    requester_aad_id: string;
    facilitator_1: string | null;
    facilitator_2: string | null;
    session_day: string | null;
    cold_debrief_day: string | null;
    data: string;
    created_at: string;
    updated_at: string;
  };
  lab_session_sequences: { year: number; last: number };
  lab_session_drafts: { aad_id: string; data: string; updated_at: string };
  lab_session_debriefs: {
    request_id: string;
    kind: string;
    aad_id: string;
    data: string;
    answered_at: string;
  };
  lab_session_participants: {
    id: string;
    request_id: string;
    position: number;
    kind: string;
    aad_id: string | null;
    email: string | null;
    name: string;
    added_by: string;
    added_at: string;
  };
  lab_session_participant_positions: { request_id: string; last: number };
};

/** Thrown inside the transaction to undo an add that would list too many people. */
class ListFull extends Error {}

/** Thrown inside the transaction when the request is no longer open to participants. */
class RequestClosed extends Error {}

type RequestRow = LabSessionTables['lab_session_requests'];

/** Lab session requests in SQL: the request as JSON, ids lowercased in the columns lists read. */
export class SqlLabSessionStore implements LabSessionStore {
  private readonly db: Kysely<Database & LabSessionTables>;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<LabSessionTables>();
  }

  async nextSequence(year: number): Promise<number> {
    // One statement, so two instances asking at once get two numbers (SQLite 3.35+ and PostgreSQL).
    const row = await this.db
      .insertInto('lab_session_sequences')
      .values({ year, last: 1 })
      .onConflict((oc) =>
        oc.column('year').doUpdateSet((eb) => ({ last: eb('lab_session_sequences.last', '+', 1) })),
      )
      .returning('last')
      .executeTakeFirstOrThrow();
    return Number(row.last);
  }

  async insert(request: SessionRequest): Promise<void> {
    await this.db.insertInto('lab_session_requests').values(toRow(request)).execute();
  }

  async update(request: SessionRequest, expected: SessionStatus): Promise<boolean> {
    const { id: _id, tracking_number: _n, created_at: _c, ...changes } = toRow(request);
    const result = await this.db
      .updateTable('lab_session_requests')
      .set(changes)
      .where('id', '=', request.id)
      .where('status', '=', expected)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async get(id: string): Promise<SessionRequest | undefined> {
    const row = await this.db
      .selectFrom('lab_session_requests')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? undefined : fromRow(row);
  }

  async list(statuses?: readonly SessionStatus[]): Promise<SessionRequest[]> {
    if (statuses !== undefined && statuses.length === 0) return [];
    let query = this.db.selectFrom('lab_session_requests').selectAll();
    if (statuses !== undefined) query = query.where('status', 'in', [...statuses]);
    const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
    return rows.map(fromRow);
  }

  async listForPerson(aadId: string): Promise<SessionRequest[]> {
    const id = aadId.toLowerCase();
    const rows = await this.db
      .selectFrom('lab_session_requests')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb('requester_aad_id', '=', id),
          eb('facilitator_1', '=', id),
          eb('facilitator_2', '=', id),
        ]),
      )
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map(fromRow);
  }

  async saveDraft(draft: SessionRequestDraft): Promise<void> {
    await this.db
      .insertInto('lab_session_drafts')
      .values({
        aad_id: draft.aadId.toLowerCase(),
        data: JSON.stringify(draft.values),
        updated_at: draft.updatedAt.toISOString(),
      })
      .onConflict((oc) =>
        oc.column('aad_id').doUpdateSet((eb) => ({
          data: eb.ref('excluded.data'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }

  async getDraft(aadId: string): Promise<SessionRequestDraft | undefined> {
    const row = await this.db
      .selectFrom('lab_session_drafts')
      .selectAll()
      .where('aad_id', '=', aadId.toLowerCase())
      .executeTakeFirst();
    if (row === undefined) return undefined;
    return {
      aadId: row.aad_id,
      values: JSON.parse(row.data) as SessionRequestDraft['values'],
      updatedAt: new Date(row.updated_at),
    };
  }

  async deleteDraft(aadId: string): Promise<void> {
    await this.db
      .deleteFrom('lab_session_drafts')
      .where('aad_id', '=', aadId.toLowerCase())
      .execute();
  }

  async saveDebrief(answer: SessionDebriefAnswer): Promise<void> {
    await this.db
      .insertInto('lab_session_debriefs')
      .values({
        request_id: answer.requestId,
        kind: answer.kind,
        aad_id: answer.aadId.toLowerCase(),
        data: JSON.stringify(answer.answers),
        answered_at: answer.answeredAt.toISOString(),
      })
      .onConflict((oc) =>
        oc.columns(['request_id', 'kind', 'aad_id']).doUpdateSet((eb) => ({
          data: eb.ref('excluded.data'),
          answered_at: eb.ref('excluded.answered_at'),
        })),
      )
      .execute();
  }

  async listDebriefs(requestId: string): Promise<SessionDebriefAnswer[]> {
    const rows = await this.db
      .selectFrom('lab_session_debriefs')
      .selectAll()
      .where('request_id', '=', requestId)
      .orderBy('kind')
      .orderBy('answered_at')
      .orderBy('aad_id')
      .execute();
    return rows.map(toAnswer);
  }

  async listAllDebriefs(kind: 'hot' | 'cold'): Promise<SessionDebriefAnswer[]> {
    const rows = await this.db
      .selectFrom('lab_session_debriefs')
      .selectAll()
      .where('kind', '=', kind)
      .orderBy('answered_at')
      .orderBy('request_id')
      .orderBy('aad_id')
      .execute();
    return rows.map(toAnswer);
  }

  async listParticipants(requestId: string): Promise<SessionParticipant[]> {
    const rows = await this.db
      .selectFrom('lab_session_participants')
      .selectAll()
      .where('request_id', '=', requestId)
      .orderBy('position')
      .execute();
    return rows.map(toParticipant);
  }

  async addParticipants(
    requestId: string,
    people: readonly NewParticipant[],
    maxListed: number,
    options: { openStatuses?: readonly SessionStatus[] } = {},
  ): Promise<SessionParticipant[] | undefined | 'closed'> {
    if (people.length === 0) return [];
    const open = options.openStatuses;
    try {
      return await this.db.transaction().execute(async (trx) => {
        if (open !== undefined) {
          // Takes the request's row (PostgreSQL: a row lock, re-reading the status a concurrent
          // withdrawal just committed; SQLite: the database's write lock) and checks its status,
          // before anything is written: a withdrawal either waits for this add or is seen by it.
          const held = await trx
            .updateTable('lab_session_requests')
            .set((eb) => ({ updated_at: eb.ref('updated_at') }))
            .where('id', '=', requestId)
            .where('status', 'in', [...open])
            .executeTakeFirst();
          if (Number(held.numUpdatedRows) !== 1) throw new RequestClosed();
        }
        // Taking the positions first locks the counter's row (PostgreSQL) or the database
        // (SQLite) until commit: a second add to the same request waits, then counts ours.
        const taken = await trx
          .insertInto('lab_session_participant_positions')
          .values({ request_id: requestId, last: people.length })
          .onConflict((oc) =>
            oc.column('request_id').doUpdateSet((eb) => ({
              last: eb('lab_session_participant_positions.last', '+', people.length),
            })),
          )
          .returning('last')
          .executeTakeFirstOrThrow();
        const first = Number(taken.last) - people.length + 1;
        const inserted = await trx
          .insertInto('lab_session_participants')
          .values(
            people.map((person, index) => ({
              id: person.id,
              request_id: requestId,
              position: first + index,
              kind: person.kind,
              aad_id: person.aadId?.toLowerCase() ?? null,
              email: person.email?.toLowerCase() ?? null,
              name: person.name,
              added_by: person.addedBy.toLowerCase(),
              added_at: person.addedAt.toISOString(),
            })),
          )
          // Someone listed meanwhile by another add (same id or address) is skipped.
          .onConflict((oc) => oc.doNothing())
          .returningAll()
          .execute();
        const { count } = await trx
          .selectFrom('lab_session_participants')
          .select((eb) => eb.fn.countAll<number | string>().as('count'))
          .where('request_id', '=', requestId)
          .executeTakeFirstOrThrow();
        if (Number(count) > maxListed) throw new ListFull();
        return inserted.map(toParticipant).sort((a, b) => a.position - b.position);
      });
    } catch (error) {
      if (error instanceof ListFull) return undefined;
      if (error instanceof RequestClosed) return 'closed';
      throw error;
    }
  }

  async removeParticipants(requestId: string, ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const result = await this.db
      .deleteFrom('lab_session_participants')
      .where('request_id', '=', requestId)
      .where('id', 'in', [...ids])
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

function toParticipant(row: LabSessionTables['lab_session_participants']): SessionParticipant {
  return {
    id: row.id,
    requestId: row.request_id,
    position: Number(row.position),
    kind: row.kind === 'external' ? 'external' : 'internal',
    aadId: row.aad_id,
    email: row.email,
    name: row.name,
    addedBy: row.added_by,
    addedAt: new Date(row.added_at),
  };
}

function toAnswer(row: LabSessionTables['lab_session_debriefs']): SessionDebriefAnswer {
  return {
    requestId: row.request_id,
    kind: row.kind === 'cold' ? 'cold' : 'hot',
    aadId: row.aad_id,
    answers: JSON.parse(row.data) as SessionDebriefAnswer['answers'],
    answeredAt: new Date(row.answered_at),
  };
}

interface StoredRequest extends Omit<
  SessionRequest,
  | 'createdAt'
  | 'updatedAt'
  | 'decision'
  | 'qualification'
  | 'qualificationMeeting'
  | 'sequencing'
  | 'priority'
> {
  priority?: (Omit<SessionPriority, 'at'> & { at: string }) | null;
  sequencing?: (Omit<NonNullable<SessionRequest['sequencing']>, 'at'> & { at: string }) | null;
  qualificationMeeting?:
    (Omit<QualificationMeeting, 'durationMinutes'> & { durationMinutes?: number }) | null;
  decision: (Omit<SessionDecision, 'at'> & { at: string }) | null;
  qualification?: (Omit<SessionQualification, 'at'> & { at: string }) | null;
}

function toRow(request: SessionRequest): RequestRow {
  return {
    id: request.id,
    tracking_number: request.trackingNumber,
    status: request.status,
    requester_aad_id: request.requester.aadId.toLowerCase(),
    facilitator_1: request.facilitators[0]?.aadId.toLowerCase() ?? null,
    facilitator_2: request.facilitators[1]?.aadId.toLowerCase() ?? null,
    session_day: request.sessionDay,
    cold_debrief_day: request.coldDebriefDay,
    data: JSON.stringify({ ...request, createdAt: undefined, updatedAt: undefined }),
    created_at: request.createdAt.toISOString(),
    updated_at: request.updatedAt.toISOString(),
  };
}

function fromRow(row: RequestRow): SessionRequest {
  const stored = JSON.parse(row.data) as StoredRequest;
  return {
    ...stored,
    // Requests stored before the sponsor's e-mail was asked have none.
    fields: { ...stored.fields, sponsorEmail: stored.fields.sponsorEmail ?? '' },
    qualificationMeeting:
      stored.qualificationMeeting == null
        ? null
        : {
            ...stored.qualificationMeeting,
            // Meetings set before their length was asked last the default hour.
            durationMinutes: stored.qualificationMeeting.durationMinutes ?? DEFAULT_MEETING_MINUTES,
          },
    sequencing:
      stored.sequencing == null
        ? null
        : { ...stored.sequencing, at: new Date(stored.sequencing.at) },
    status: row.status as SessionStatus,
    decision:
      stored.decision === null
        ? null
        : ({ ...stored.decision, at: new Date(stored.decision.at) } as SessionDecision),
    qualification:
      stored.qualification == null
        ? null
        : { ...stored.qualification, at: new Date(stored.qualification.at) },
    // Requests stored before the Lab team rated priorities have none.
    priority:
      stored.priority == null ? null : { ...stored.priority, at: new Date(stored.priority.at) },
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}
