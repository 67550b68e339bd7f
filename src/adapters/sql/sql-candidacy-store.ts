import { PostgresAdapter, sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type {
  Candidacy,
  CandidacyAnswers,
  CandidacyDraft,
  CandidacyStatus,
  Endorsement,
} from '../../core/candidacies/candidacy';
import type {
  CandidacyChange,
  CandidacyFilter,
  CandidacyPage,
  CandidacyScope,
  CandidacyStore,
  DecisionKind,
  DecisionRecord,
} from '../../core/ports/candidacy-store';
import type { IntakeMode } from '../../core/programmes/programme';
import type {
  CandidaciesTable,
  CandidacyEndorsementsTable,
  Database,
  SelectionLocksTable,
} from './schema';
import { appendAuditRow } from './audit-chain';

type Executor = Kysely<Database> | Transaction<Database>;

/** A candidacy row with its endorsement's columns (null when it has none). */
type JoinedRow = Selectable<CandidaciesTable> & {
  e_manager_email: string | null;
  e_manager_aad_id: string | null;
  e_status: string | null;
  e_comment: string | null;
  e_requested_at: string | null;
  e_answered_at: string | null;
  e_answered_by: string | null;
};

/**
 * Candidacies, drafts, endorsements and decisions in SQL. `transact` serialises the selection
 * steps of a programme by updating its row in `selection_locks` first: PostgreSQL holds that row
 * lock until commit, and SQLite takes its write lock with that first write.
 */
export class SqlCandidacyStore implements CandidacyStore {
  private readonly postgres: boolean;

  constructor(private readonly db: Kysely<Database>) {
    this.postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  }

  async transact<T>(
    programmeId: string,
    step: (candidacies: readonly Candidacy[]) => CandidacyChange<T>,
    scope?: CandidacyScope,
  ): Promise<T> {
    return this.db.transaction().execute(async (trx) => {
      const lock: SelectionLocksTable = {
        programme_id: programmeId,
        locked_at: new Date().toISOString(),
      };
      await trx
        .insertInto('selection_locks')
        .values(lock)
        .onConflict((oc) => oc.column('programme_id').doUpdateSet({ locked_at: lock.locked_at }))
        .execute();
      const rows = await this.selectJoined(trx)
        .where('c.programme_id', '=', programmeId)
        .$if(scope !== undefined, (query) =>
          query.where((eb) =>
            eb.or([
              eb('c.applicant_aad_id', '=', scope!.applicantAadId),
              ...(scope!.organisationId === undefined
                ? []
                : [eb('c.organisation_id', '=', scope!.organisationId)]),
            ]),
          ),
        )
        .orderBy('c.submitted_at')
        .orderBy(this.byId('c.id'))
        .execute();
      const change = step(rows.map(toCandidacy));
      for (const candidacy of change.save ?? []) await saveCandidacy(trx, candidacy);
      for (const decision of change.decisions ?? []) {
        await trx.insertInto('candidacy_decisions').values(toDecisionRow(decision)).execute();
      }
      for (const entry of change.audit ?? []) {
        await appendAuditRow(trx, entry);
      }
      if (change.deleteDraftOf !== undefined) {
        await trx
          .deleteFrom('candidacy_drafts')
          .where('programme_id', '=', programmeId)
          .where('applicant_aad_id', '=', change.deleteDraftOf)
          .execute();
      }
      return change.result;
    });
  }

  async get(id: string): Promise<Candidacy | undefined> {
    const row = await this.selectJoined(this.db).where('c.id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : toCandidacy(row);
  }

  async findByApplicant(programmeId: string, aadId: string): Promise<Candidacy | undefined> {
    const row = await this.selectJoined(this.db)
      .where('c.programme_id', '=', programmeId)
      .where('c.applicant_aad_id', '=', aadId)
      .executeTakeFirst();
    return row === undefined ? undefined : toCandidacy(row);
  }

  async list(programmeId: string): Promise<Candidacy[]> {
    const rows = await this.selectJoined(this.db)
      .where('c.programme_id', '=', programmeId)
      .orderBy('c.submitted_at')
      .orderBy(this.byId('c.id'))
      .execute();
    return rows.map(toCandidacy);
  }

  async page(
    programmeId: string,
    filter: CandidacyFilter,
    offset: number,
    limit: number,
  ): Promise<CandidacyPage> {
    // `in ()` is not valid SQL: an empty list matches nothing.
    if (filter.statuses?.length === 0 || filter.organisationIds?.length === 0) {
      return { items: [], total: 0 };
    }
    let base = this.db.selectFrom('candidacies as c').where('c.programme_id', '=', programmeId);
    if (filter.statuses !== undefined) base = base.where('c.status', 'in', [...filter.statuses]);
    if (filter.organisationIds !== undefined) {
      base = base.where('c.organisation_id', 'in', [...filter.organisationIds]);
    }
    if (filter.excludeOrganisationIds !== undefined && filter.excludeOrganisationIds.length > 0) {
      base = base.where('c.organisation_id', 'not in', [...filter.excludeOrganisationIds]);
    }
    const counted = await base
      .select((eb) => eb.fn.countAll<number | string>().as('total'))
      .executeTakeFirst();
    const ids = await base
      .select('c.id')
      .orderBy('c.submitted_at')
      .orderBy(this.byId('c.id'))
      .offset(offset)
      .limit(limit)
      .execute();
    const rows =
      ids.length === 0
        ? []
        : await this.selectJoined(this.db)
            .where(
              'c.id',
              'in',
              ids.map((row) => row.id),
            )
            .execute();
    const byId = new Map(rows.map((row) => [row.id, toCandidacy(row)]));
    return {
      items: ids.map((row) => byId.get(row.id)).filter((c) => c !== undefined),
      total: Number(counted?.total ?? 0),
    };
  }

  async listPendingEndorsements(managerEmail: string): Promise<Candidacy[]> {
    const rows = await this.selectJoined(this.db)
      .where('e.manager_email', '=', managerEmail.toLowerCase())
      .where('e.status', '=', 'pending')
      .orderBy('c.submitted_at')
      .orderBy(this.byId('c.id'))
      .execute();
    return rows.map(toCandidacy);
  }

  async listDecisions(candidacyId: string): Promise<DecisionRecord[]> {
    const rows = await this.db
      .selectFrom('candidacy_decisions')
      .selectAll()
      .where('candidacy_id', '=', candidacyId)
      .orderBy('id')
      .execute();
    return rows.map((row) => ({
      programmeId: row.programme_id,
      candidacyId: row.candidacy_id,
      kind: row.kind as DecisionKind,
      status: row.status as CandidacyStatus,
      decidedBy: row.decided_by,
      decidedAt: new Date(row.decided_at),
      note: row.note,
    }));
  }

  async saveDraft(draft: CandidacyDraft): Promise<void> {
    const changes = {
      applicant_name: draft.applicant.name,
      fields: JSON.stringify(draft.fields),
      updated_at: draft.updatedAt.toISOString(),
    };
    await this.db
      .insertInto('candidacy_drafts')
      .values({
        programme_id: draft.programmeId,
        applicant_aad_id: draft.applicant.aadId,
        ...changes,
      })
      .onConflict((oc) => oc.columns(['programme_id', 'applicant_aad_id']).doUpdateSet(changes))
      .execute();
  }

  async getDraft(programmeId: string, aadId: string): Promise<CandidacyDraft | undefined> {
    const row = await this.db
      .selectFrom('candidacy_drafts')
      .selectAll()
      .where('programme_id', '=', programmeId)
      .where('applicant_aad_id', '=', aadId)
      .executeTakeFirst();
    return row === undefined ? undefined : toDraft(row);
  }

  async deleteDraft(programmeId: string, aadId: string): Promise<void> {
    await this.db
      .deleteFrom('candidacy_drafts')
      .where('programme_id', '=', programmeId)
      .where('applicant_aad_id', '=', aadId)
      .execute();
  }

  async listDrafts(programmeId: string): Promise<CandidacyDraft[]> {
    const rows = await this.db
      .selectFrom('candidacy_drafts')
      .selectAll()
      .where('programme_id', '=', programmeId)
      .orderBy('updated_at')
      .orderBy(this.byId('applicant_aad_id'))
      .execute();
    return rows.map(toDraft);
  }

  private selectJoined(executor: Executor) {
    return executor
      .selectFrom('candidacies as c')
      .leftJoin('candidacy_endorsements as e', 'e.candidacy_id', 'c.id')
      .selectAll('c')
      .select([
        'e.manager_email as e_manager_email',
        'e.manager_aad_id as e_manager_aad_id',
        'e.status as e_status',
        'e.comment as e_comment',
        'e.requested_at as e_requested_at',
        'e.answered_at as e_answered_at',
        'e.answered_by as e_answered_by',
      ]);
  }

  /**
   * Ties are broken by id in byte order on both dialects: PostgreSQL would otherwise compare text
   * with the database's locale collation, and SQLite compares bytes.
   */
  private byId(column: 'c.id' | 'applicant_aad_id') {
    return this.postgres ? sql`${sql.ref(column)} collate "C"` : sql`${sql.ref(column)}`;
  }
}

async function saveCandidacy(trx: Transaction<Database>, candidacy: Candidacy): Promise<void> {
  const row = toCandidacyRow(candidacy);
  const { id: _id, ...changes } = row;
  await trx
    .insertInto('candidacies')
    .values(row)
    .onConflict((oc) => oc.column('id').doUpdateSet(changes))
    .execute();
  if (candidacy.endorsement === null) {
    await trx
      .deleteFrom('candidacy_endorsements')
      .where('candidacy_id', '=', candidacy.id)
      .execute();
    return;
  }
  const endorsement = toEndorsementRow(candidacy, candidacy.endorsement);
  const { candidacy_id: _key, ...endorsementChanges } = endorsement;
  await trx
    .insertInto('candidacy_endorsements')
    .values(endorsement)
    .onConflict((oc) => oc.column('candidacy_id').doUpdateSet(endorsementChanges))
    .execute();
}

function toCandidacyRow(c: Candidacy): CandidaciesTable {
  return {
    id: c.id,
    programme_id: c.programmeId,
    applicant_aad_id: c.applicant.aadId,
    applicant_name: c.applicant.name,
    organisation_id: c.organisationId,
    mode: c.mode,
    status: c.status,
    seat_count: c.seatCount,
    answers: JSON.stringify(c.answers),
    consent_at: c.consentAt.toISOString(),
    submitted_at: c.submittedAt.toISOString(),
    updated_at: c.updatedAt.toISOString(),
    decided_at: c.decidedAt?.toISOString() ?? null,
    decided_by: c.decidedBy,
    waitlisted_at: c.waitlistedAt?.toISOString() ?? null,
    confirm_by: c.confirmBy,
    confirmed_at: c.confirmedAt?.toISOString() ?? null,
  };
}

function toEndorsementRow(c: Candidacy, e: Endorsement): CandidacyEndorsementsTable {
  return {
    candidacy_id: c.id,
    programme_id: c.programmeId,
    manager_email: e.managerEmail.toLowerCase(),
    manager_aad_id: e.managerAadId,
    status: e.status,
    comment: e.comment,
    requested_at: e.requestedAt.toISOString(),
    answered_at: e.answeredAt?.toISOString() ?? null,
    answered_by: e.answeredBy,
  };
}

function toCandidacy(row: JoinedRow): Candidacy {
  const date = (value: string | null): Date | null => (value === null ? null : new Date(value));
  const endorsement: Endorsement | null =
    row.e_manager_email === null
      ? null
      : {
          managerEmail: row.e_manager_email,
          managerAadId: row.e_manager_aad_id,
          status: row.e_status as Endorsement['status'],
          comment: row.e_comment ?? '',
          requestedAt: new Date(row.e_requested_at ?? 0),
          answeredAt: date(row.e_answered_at),
          answeredBy: row.e_answered_by,
        };
  return {
    id: row.id,
    programmeId: row.programme_id,
    mode: row.mode as IntakeMode,
    applicant: { aadId: row.applicant_aad_id, name: row.applicant_name },
    organisationId: row.organisation_id,
    status: row.status as CandidacyStatus,
    answers: JSON.parse(row.answers) as CandidacyAnswers,
    seatCount: Number(row.seat_count),
    endorsement,
    consentAt: new Date(row.consent_at),
    submittedAt: new Date(row.submitted_at),
    updatedAt: new Date(row.updated_at),
    decidedAt: date(row.decided_at),
    decidedBy: row.decided_by,
    waitlistedAt: date(row.waitlisted_at),
    confirmBy: row.confirm_by,
    confirmedAt: date(row.confirmed_at),
  };
}

function toDraft(row: {
  programme_id: string;
  applicant_aad_id: string;
  applicant_name: string;
  fields: string;
  updated_at: string;
}): CandidacyDraft {
  return {
    programmeId: row.programme_id,
    applicant: { aadId: row.applicant_aad_id, name: row.applicant_name },
    fields: JSON.parse(row.fields) as Record<string, string>,
    updatedAt: new Date(row.updated_at),
  };
}

function toDecisionRow(d: DecisionRecord) {
  return {
    programme_id: d.programmeId,
    candidacy_id: d.candidacyId,
    kind: d.kind,
    status: d.status,
    decided_by: d.decidedBy,
    decided_at: d.decidedAt.toISOString(),
    note: d.note,
  };
}
