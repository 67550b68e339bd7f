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
  | 'meeting.icsLink'
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

/** Which entries to read: of one action, at or after an instant. */
export interface AuditFilter {
  action?: AuditAction;
  since?: Date;
}

/** The append-only audit log; nothing here updates or deletes. */
export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
  /** The programme's entries, oldest first; only those of one action and from a date, if asked. */
  list(programmeId: string, filter?: AuditFilter): Promise<AuditEntry[]>;
}
