import { ManualClock, RecordingNotifier, type NotifiedCall } from './test-doubles';
export { ManualClock, RecordingNotifier } from './test-doubles';
import type { Candidacy, CandidacyDraft } from '../../src/core/candidacies/candidacy';
import type { CandidacyDeps } from '../../src/core/candidacies/candidacy-deps';
import type { AuditEntry, AuditLog } from '../../src/core/ports/audit-log';
import type {
  CandidacyChange,
  CandidacyFilter,
  CandidacyPage,
  CandidacyScope,
  CandidacyStore,
  DecisionRecord,
} from '../../src/core/ports/candidacy-store';
import type { Directory, DirectoryEntry } from '../../src/core/ports/directory';
import type { ExportToken, ExportTokenStore } from '../../src/core/ports/export-token-store';
import type { IdSource } from '../../src/core/ports/id-source';
import type { Score, ScoreStore } from '../../src/core/ports/score-store';

/** Ids cand-1, cand-2… in order. */
export class SequentialIds implements IdSource {
  private next = 1;
  constructor(private readonly prefix = 'id') {}
  newId(): string {
    return `${this.prefix}-${this.next++}`;
  }
}

/** One notice the fake notifier recorded. */
export type RecordedNotice = NotifiedCall;

/** A directory from a fixed list of people. */
export class MapDirectory implements Directory {
  constructor(private readonly people: Record<string, DirectoryEntry> = {}) {}
  findByEmail(email: string): Promise<DirectoryEntry | undefined> {
    return Promise.resolve(this.people[email.toLowerCase()]);
  }
}

const clone = <T>(value: T): T => structuredClone(value);

/** The candidacy store in memory; transactions run one at a time, like the SQL store's lock. */
export class InMemoryCandidacyStore implements CandidacyStore {
  readonly candidacies = new Map<string, Candidacy>();
  readonly drafts = new Map<string, CandidacyDraft>();
  readonly decisions: DecisionRecord[] = [];
  readonly audit: AuditEntry[];
  private queue: Promise<unknown> = Promise.resolve();

  constructor(audit: AuditEntry[] = []) {
    this.audit = audit;
  }

  transact<T>(
    programmeId: string,
    step: (candidacies: readonly Candidacy[]) => CandidacyChange<T>,
    scope?: CandidacyScope,
  ): Promise<T> {
    const run = this.queue.then(async () => {
      // Yield once, so concurrent callers really interleave up to the lock.
      await Promise.resolve();
      const inScope = (c: Candidacy): boolean =>
        scope === undefined ||
        c.applicant.aadId === scope.applicantAadId ||
        (scope.organisationId !== undefined && c.organisationId === scope.organisationId);
      const change = step(this.all(programmeId).filter(inScope).map(clone));
      for (const candidacy of change.save ?? [])
        this.candidacies.set(candidacy.id, clone(candidacy));
      this.decisions.push(...(change.decisions ?? []).map(clone));
      this.audit.push(...(change.audit ?? []).map(clone));
      if (change.deleteDraftOf !== undefined) {
        this.drafts.delete(`${programmeId}/${change.deleteDraftOf}`);
      }
      return change.result;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  get(id: string): Promise<Candidacy | undefined> {
    const found = this.candidacies.get(id);
    return Promise.resolve(found && clone(found));
  }

  findByApplicant(programmeId: string, aadId: string): Promise<Candidacy | undefined> {
    const found = this.all(programmeId).find((c) => c.applicant.aadId === aadId);
    return Promise.resolve(found && clone(found));
  }

  list(programmeId: string): Promise<Candidacy[]> {
    return Promise.resolve(this.all(programmeId).map(clone));
  }

  page(
    programmeId: string,
    filter: CandidacyFilter,
    offset: number,
    limit: number,
  ): Promise<CandidacyPage> {
    const matching = this.all(programmeId).filter(
      (c) =>
        (filter.statuses === undefined || filter.statuses.includes(c.status)) &&
        (filter.organisationIds === undefined ||
          filter.organisationIds.includes(c.organisationId)) &&
        !(filter.excludeOrganisationIds ?? []).includes(c.organisationId),
    );
    return Promise.resolve({
      items: matching.slice(offset, offset + limit).map(clone),
      total: matching.length,
    });
  }

  listPendingEndorsements(managerEmail: string): Promise<Candidacy[]> {
    return Promise.resolve(
      [...this.candidacies.values()]
        .filter(
          (c) =>
            c.endorsement?.status === 'pending' &&
            c.endorsement.managerEmail === managerEmail.toLowerCase(),
        )
        .map(clone),
    );
  }

  listDecisions(candidacyId: string): Promise<DecisionRecord[]> {
    return Promise.resolve(this.decisions.filter((d) => d.candidacyId === candidacyId).map(clone));
  }

  saveDraft(draft: CandidacyDraft): Promise<void> {
    this.drafts.set(`${draft.programmeId}/${draft.applicant.aadId}`, clone(draft));
    return Promise.resolve();
  }

  getDraft(programmeId: string, aadId: string): Promise<CandidacyDraft | undefined> {
    const found = this.drafts.get(`${programmeId}/${aadId}`);
    return Promise.resolve(found && clone(found));
  }

  deleteDraft(programmeId: string, aadId: string): Promise<void> {
    this.drafts.delete(`${programmeId}/${aadId}`);
    return Promise.resolve();
  }

  listDrafts(programmeId: string): Promise<CandidacyDraft[]> {
    return Promise.resolve(
      [...this.drafts.values()].filter((d) => d.programmeId === programmeId).map(clone),
    );
  }

  private all(programmeId: string): Candidacy[] {
    return [...this.candidacies.values()]
      .filter((c) => c.programmeId === programmeId)
      .sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime() || (a.id < b.id ? -1 : 1));
  }
}

/** Scores in memory, sharing the audit array with the other fakes. */
export class InMemoryScoreStore implements ScoreStore {
  readonly scores: Score[] = [];
  constructor(private readonly audit: AuditEntry[]) {}
  save(score: Score, audit: AuditEntry): Promise<void> {
    const index = this.scores.findIndex(
      (s) => s.candidacyId === score.candidacyId && s.memberAadId === score.memberAadId,
    );
    if (index >= 0) this.scores.splice(index, 1);
    this.scores.push(clone(score));
    this.audit.push(clone(audit));
    return Promise.resolve();
  }
  listForProgramme(programmeId: string): Promise<Score[]> {
    return Promise.resolve(this.scores.filter((s) => s.programmeId === programmeId).map(clone));
  }
  listForCandidacy(candidacyId: string): Promise<Score[]> {
    return Promise.resolve(this.scores.filter((s) => s.candidacyId === candidacyId).map(clone));
  }
}

/** The audit log in memory. */
export class InMemoryAuditLog implements AuditLog {
  constructor(readonly entries: AuditEntry[]) {}
  append(entry: AuditEntry): Promise<void> {
    this.entries.push(clone(entry));
    return Promise.resolve();
  }
  list(programmeId: string): Promise<AuditEntry[]> {
    return Promise.resolve(this.entries.filter((e) => e.programmeId === programmeId).map(clone));
  }
}

/** Export tokens in memory. */
export class InMemoryExportTokenStore implements ExportTokenStore {
  readonly tokens = new Map<string, ExportToken>();
  constructor(private readonly audit: AuditEntry[]) {}
  create(token: ExportToken, audit: AuditEntry): Promise<void> {
    this.tokens.set(token.id, clone(token));
    this.audit.push(clone(audit));
    return Promise.resolve();
  }
  get(id: string): Promise<ExportToken | undefined> {
    const found = this.tokens.get(id);
    return Promise.resolve(found && clone(found));
  }
  consume(id: string, at: Date): Promise<boolean> {
    const token = this.tokens.get(id);
    if (token === undefined || token.usedAt !== null) return Promise.resolve(false);
    token.usedAt = at;
    return Promise.resolve(true);
  }
}

/** Every fake wired together, with handles on each for assertions. */
export interface CandidacyTestKit {
  deps: CandidacyDeps;
  store: InMemoryCandidacyStore;
  scores: InMemoryScoreStore;
  exportTokens: InMemoryExportTokenStore;
  audit: AuditEntry[];
  clock: ManualClock;
  notifier: RecordingNotifier;
}

/** Lab team member who receives promotion notices in the core tests. */
export const LAB_ADMIN_ID = '0b7e8f9a-1c2d-4e3f-9a8b-7c6d5e4f3a2b';

/** Builds the in-memory dependencies; the clock starts during the call (Paris, 2026-03-20). */
export function createCandidacyTestKit(
  options: { now?: string; directory?: Record<string, DirectoryEntry> } = {},
): CandidacyTestKit {
  const audit: AuditEntry[] = [];
  const store = new InMemoryCandidacyStore(audit);
  const scores = new InMemoryScoreStore(audit);
  const exportTokens = new InMemoryExportTokenStore(audit);
  const clock = new ManualClock(new Date(options.now ?? '2026-03-20T09:00:00.000Z'));
  const notifier = new RecordingNotifier();
  return {
    deps: {
      candidacies: store,
      scores,
      audit: new InMemoryAuditLog(audit),
      exportTokens,
      clock,
      ids: new SequentialIds('cand'),
      notifier,
      directory: new MapDirectory(options.directory),
      labTeam: [{ kind: 'user', aadId: LAB_ADMIN_ID }],
    },
    store,
    scores,
    exportTokens,
    audit,
    clock,
    notifier,
  };
}
