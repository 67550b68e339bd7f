/** What an audit entry records; decisions, scores and exports, never reads. */
export type AuditAction =
  | 'candidacy.decision'
  | 'candidacy.promotion'
  | 'candidacy.lapse'
  | 'candidacy.score'
  | 'export.link'
  | 'export.download'
  | 'personalData.view'
  | 'personalData.link'
  | 'personalData.erasure'
  | 'personalData.erasureRequest'
  | 'personalData.erasureDeferred'
  | 'personalData.retention'
  | 'candidacy.view';

/** Who did what, when: one append-only row. `actor` is an Entra object id, or 'system'. */
export interface AuditEntry {
  at: Date;
  actor: string;
  action: AuditAction;
  programmeId: string;
  /** The candidacy or export concerned. */
  subjectId: string | null;
  /** Plain data: the decision, the scores, the export format. */
  details: Record<string, unknown>;
}

/** The append-only audit log; nothing here updates or deletes. */
export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
  /** The programme's entries, oldest first. */
  list(programmeId: string): Promise<AuditEntry[]>;
}
