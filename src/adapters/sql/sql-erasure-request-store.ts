import { sql, type Kysely, type Selectable } from 'kysely';
import { SEAT_HOLDING_STATUSES } from '../../core/candidacies/candidacy';
import type {
  ErasureRequest,
  ErasureRequestState,
  ErasureRequestStore,
} from '../../core/ports/erasure-request-store';
import type { Database, ErasureRequestsTable } from './schema';

const OPEN: readonly ErasureRequestState[] = ['pending', 'deferred'];

/** Erasure requests in SQL; a decision is one conditional update, so two Lab members cannot both make one. */
export class SqlErasureRequestStore implements ErasureRequestStore {
  constructor(private readonly db: Kysely<Database>) {}

  async programmesNeeding(aadId: string): Promise<string[]> {
    const id = aadId.toLowerCase();
    const placed = await this.db
      .selectFrom('programme_team_people')
      .select('programme_id')
      .where(sql<string>`lower(aad_id)`, '=', id)
      .execute();
    const seats = await this.db
      .selectFrom('candidacies')
      .select('programme_id')
      .where(sql<string>`lower(applicant_aad_id)`, '=', id)
      .where('status', 'in', SEAT_HOLDING_STATUSES)
      .execute();
    return [...new Set([...placed, ...seats].map((row) => row.programme_id))].sort();
  }

  async findOpen(aadId: string): Promise<ErasureRequest | undefined> {
    const row = await this.db
      .selectFrom('erasure_requests')
      .selectAll()
      .where(sql<string>`lower(aad_id)`, '=', aadId.toLowerCase())
      .where('state', 'in', OPEN)
      .orderBy('requested_at', 'desc')
      .executeTakeFirst();
    return row === undefined ? undefined : toRequest(row);
  }

  async create(request: ErasureRequest): Promise<void> {
    await this.db
      .insertInto('erasure_requests')
      .values({
        id: request.id,
        aad_id: request.aadId,
        programme_ids: JSON.stringify(request.programmeIds),
        requested_at: request.requestedAt.toISOString(),
        erase_after: request.eraseAfter,
        state: request.state,
        decided_by: request.decidedBy,
        decided_at: request.decidedAt?.toISOString() ?? null,
      })
      .execute();
  }

  async get(id: string): Promise<ErasureRequest | undefined> {
    const row = await this.db
      .selectFrom('erasure_requests')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? undefined : toRequest(row);
  }

  async decide(
    id: string,
    from: readonly ErasureRequestState[],
    to: ErasureRequestState,
    by: string,
    at: Date,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('erasure_requests')
      .set({ state: to, decided_by: by, decided_at: at.toISOString() })
      .where('id', '=', id)
      .where('state', 'in', from)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async listDue(today: string): Promise<ErasureRequest[]> {
    const rows = await this.db
      .selectFrom('erasure_requests')
      .selectAll()
      .where('state', 'in', OPEN)
      .where('erase_after', '<', today)
      .orderBy('requested_at')
      .execute();
    return rows.map(toRequest);
  }
}

function toRequest(row: Selectable<ErasureRequestsTable>): ErasureRequest {
  return {
    id: row.id,
    aadId: row.aad_id,
    programmeIds: JSON.parse(row.programme_ids) as string[],
    requestedAt: new Date(row.requested_at),
    eraseAfter: row.erase_after,
    state: row.state as ErasureRequestState,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at === null ? null : new Date(row.decided_at),
  };
}
