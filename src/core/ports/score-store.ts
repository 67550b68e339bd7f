import type { AuditEntry } from './audit-log';

/** One committee member's scores for one candidacy: 1 to 5 per criterion, and a comment. */
export interface Score {
  programmeId: string;
  candidacyId: string;
  memberAadId: string;
  /** Criterion id → 1..5. */
  values: Record<string, number>;
  comment: string;
  scoredAt: Date;
}

/** Persistence of committee scores. */
export interface ScoreStore {
  /** Inserts or replaces the member's score for the candidacy and appends the audit entry, atomically. */
  save(score: Score, audit: AuditEntry): Promise<void>;
  listForProgramme(programmeId: string): Promise<Score[]>;
  listForCandidacy(candidacyId: string): Promise<Score[]>;
}
