import type { Kysely, Selectable } from 'kysely';
import type { AuditEntry } from '../../core/ports/audit-log';
import type {
  ExportFormat,
  ExportToken,
  ExportTokenStore,
} from '../../core/ports/export-token-store';
import type { Database, ExportTokensTable } from './schema';
import { appendAuditRow } from './audit-chain';

/** Export tokens in SQL; consuming one is a single conditional update, so it happens once. */
export class SqlExportTokenStore implements ExportTokenStore {
  constructor(private readonly db: Kysely<Database>) {}

  async create(token: ExportToken, audit: AuditEntry): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('export_tokens')
        .values({
          id: token.id,
          programme_id: token.programmeId,
          admin_aad_id: token.adminAadId,
          format: token.format,
          created_at: token.createdAt.toISOString(),
          expires_at: token.expiresAt.toISOString(),
          used_at: token.usedAt?.toISOString() ?? null,
        })
        .execute();
      await appendAuditRow(trx, audit);
    });
  }

  async get(id: string): Promise<ExportToken | undefined> {
    const row = await this.db
      .selectFrom('export_tokens')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? undefined : toToken(row);
  }

  async consume(id: string, at: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('export_tokens')
      .set({ used_at: at.toISOString() })
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}

function toToken(row: Selectable<ExportTokensTable>): ExportToken {
  return {
    id: row.id,
    programmeId: row.programme_id,
    adminAadId: row.admin_aad_id,
    format: row.format as ExportFormat,
    createdAt: new Date(row.created_at),
    expiresAt: new Date(row.expires_at),
    usedAt: row.used_at === null ? null : new Date(row.used_at),
  };
}
