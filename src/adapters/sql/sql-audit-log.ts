import type { Kysely } from 'kysely';
import type { AuditAction, AuditEntry, AuditLog } from '../../core/ports/audit-log';
import type { Database } from './schema';

/** The append-only audit log in SQL: rows are inserted, never updated or deleted. */
export class SqlAuditLog implements AuditLog {
  constructor(private readonly db: Kysely<Database>) {}

  async append(entry: AuditEntry): Promise<void> {
    await this.db.insertInto('audit_log').values(toAuditRow(entry)).execute();
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

/** The row of an audit entry, for stores that append one inside their own transaction. */
export function toAuditRow(entry: AuditEntry) {
  return {
    at: entry.at.toISOString(),
    actor: entry.actor,
    action: entry.action,
    programme_id: entry.programmeId,
    subject_id: entry.subjectId,
    details: JSON.stringify(entry.details),
  };
}
