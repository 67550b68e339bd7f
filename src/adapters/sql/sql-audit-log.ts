import type { Kysely } from 'kysely';
import type { AuditAction, AuditEntry, AuditLog } from '../../core/ports/audit-log';
import type { Database } from './schema';
import { appendAuditRow } from './audit-chain';

/** The append-only audit log in SQL: rows are inserted, never updated or deleted. */
export class SqlAuditLog implements AuditLog {
  constructor(private readonly db: Kysely<Database>) {}

  async append(entry: AuditEntry): Promise<void> {
    await appendAuditRow(this.db, entry);
  }

  async list(programmeId: string): Promise<AuditEntry[]> {
    const rows = await this.db
      .selectFrom('audit_log')
      .selectAll()
      .where('programme_id', '=', programmeId)
      .orderBy('id')
      .execute();
    return rows.map((row) => ({
      at: new Date(row.at),
      actor: row.actor,
      action: row.action as AuditAction,
      programmeId: row.programme_id,
      subjectId: row.subject_id,
      details: JSON.parse(row.details) as Record<string, unknown>,
    }));
  }
}
