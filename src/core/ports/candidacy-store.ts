import type { Candidacy, CandidacyDraft, CandidacyStatus } from '../candidacies/candidacy';
import type { AuditEntry } from './audit-log';

/** Why a candidacy's status changed, recorded for every selection step. */
export type DecisionKind = 'accept' | 'waitlist' | 'decline' | 'promote' | 'lapse';

/** One selection step on a candidacy, kept as history next to the candidacy's current status. */
export interface DecisionRecord {
  programmeId: string;
  candidacyId: string;
  kind: DecisionKind;
  status: CandidacyStatus;
  /** Entra object id of the Lab team member, or 'system' for promotions and lapses. */
  decidedBy: string;
  decidedAt: Date;
  note: string;
}

/** What a transaction step writes, and what it returns to its caller. */
export interface CandidacyChange<T> {
  /** Candidacies inserted or replaced by id. */
  save?: Candidacy[];
  decisions?: DecisionRecord[];
  audit?: AuditEntry[];
  /** The applicant whose draft for this programme is deleted (it became a candidacy). */
  deleteDraftOf?: string;
  result: T;
}

/** Which candidacies a list shows; every part is optional and they combine. */
export interface CandidacyFilter {
  statuses?: readonly CandidacyStatus[];
  organisationIds?: readonly string[];
  /** For committee members: their own organisation's candidacies are never offered. */
  excludeOrganisationIds?: readonly string[];
}

/** One page of a filtered list, and how many match in all. */
export interface CandidacyPage {
  items: Candidacy[];
  total: number;
}

/**
 * The candidacies a transaction step needs, when it needs only some: the applicant's own, and
 * every one of an organisation (a team-mode quota). The lock is the same as for every candidacy.
 */
export interface CandidacyScope {
  applicantAadId: string;
  organisationId?: string;
}

/** Persistence of candidacies, their drafts, endorsements and decisions. */
export interface CandidacyStore {
  /**
   * Runs `step` on a consistent snapshot of every candidacy of the programme and writes what it
   * returns, atomically: no other transact on the same programme runs in between, across
   * processes too. This is what keeps seat counts and quotas true when two admins decide at once.
   * With `scope`, the snapshot holds only the candidacies of the scope (a submission need not
   * read a whole call), in the same order.
   */
  transact<T>(
    programmeId: string,
    step: (candidacies: readonly Candidacy[]) => CandidacyChange<T>,
    scope?: CandidacyScope,
  ): Promise<T>;
  get(id: string): Promise<Candidacy | undefined>;
  findByApplicant(programmeId: string, aadId: string): Promise<Candidacy | undefined>;
  /** Every candidacy of the programme, in submission order. */
  list(programmeId: string): Promise<Candidacy[]>;
  /** A page of the filtered list, in submission order (then id). */
  page(
    programmeId: string,
    filter: CandidacyFilter,
    offset: number,
    limit: number,
  ): Promise<CandidacyPage>;
  /** Candidacies whose endorsement by this manager (email, case-insensitive) is pending. */
  listPendingEndorsements(managerEmail: string): Promise<Candidacy[]>;
  listDecisions(candidacyId: string): Promise<DecisionRecord[]>;
  saveDraft(draft: CandidacyDraft): Promise<void>;
  getDraft(programmeId: string, aadId: string): Promise<CandidacyDraft | undefined>;
  deleteDraft(programmeId: string, aadId: string): Promise<void>;
  listDrafts(programmeId: string): Promise<CandidacyDraft[]>;
}
