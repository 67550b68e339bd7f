import type { AuditEntry } from './audit-log';

/** The file formats of an export. */
export type ExportFormat = 'xlsx' | 'csv';

/** A single-use permission for one admin to download one export before it expires. */
export interface ExportToken {
  id: string;
  programmeId: string;
  adminAadId: string;
  format: ExportFormat;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}

/** Persistence of export tokens. */
export interface ExportTokenStore {
  /** Stores a new token and appends the audit entry, atomically. */
  create(token: ExportToken, audit: AuditEntry): Promise<void>;
  get(id: string): Promise<ExportToken | undefined>;
  /**
   * Marks the token used unless it already was; true only for the one call that marked it, so
   * two downloads racing with the same link cannot both succeed.
   */
  consume(id: string, at: Date): Promise<boolean>;
}
