import { toConversationKey } from '../../core/conversations/conversation';
import type { Kysely, QueryResult, Selectable } from 'kysely';
import type {
  ConversationRecord,
  ConversationScope,
  UserContext,
} from '../../core/conversations/conversation';
import type { ConversationStore } from '../../core/ports/conversation-store';
import { reusableQuery } from './reusable-query';
import type { ConversationsTable, Database, UserContextsTable } from './schema';

/** Conversation references and user contexts in the SQL database (SQLite or PostgreSQL). */
/**
 * Ids per `IN (…)` list: one query for any team or programme of the Défi's size, and far below
 * SQLite's and PostgreSQL's limits on bound parameters (32,766 and 65,535).
 */
const IN_LIST_CHUNK = 1_000;

/** Lists up to this length are compiled once per length (reusableQuery); longer ones each time. */
const REUSED_IN_LIST = 64;

export class SqlConversationStore implements ConversationStore {
  constructor(private readonly db: Kysely<Database>) {}

  private readonly getQuery = reusableQuery(
    () => this.db,
    1,
    (key: string) =>
      this.db.selectFrom('conversations').selectAll().where('conversation_id', '=', key),
  );

  async upsert(record: ConversationRecord): Promise<void> {
    const row = toRow(record);
    const { conversation_id: _key, ...replacement } = row;
    await this.db
      .insertInto('conversations')
      .values(row)
      .onConflict((conflict) => conflict.column('conversation_id').doUpdateSet(replacement))
      .execute();
  }

  async get(conversationId: string): Promise<ConversationRecord | undefined> {
    const [row] = (await this.getQuery(toConversationKey(conversationId))).rows;
    return row === undefined ? undefined : toRecord(row);
  }

  async findPersonal(userAadId: string): Promise<ConversationRecord | undefined> {
    const row = await this.db
      .selectFrom('conversations')
      .selectAll()
      .where('user_aad_id', '=', userAadId)
      .where('scope', '=', 'personal')
      .where('uninstalled_at', 'is', null)
      // Several bot registrations can each hold a 1:1 chat with the user: take the freshest.
      .orderBy('updated_at', 'desc')
      .orderBy('conversation_id')
      .executeTakeFirst();
    return row === undefined ? undefined : toRecord(row);
  }

  async removedByUser(userAadId: string): Promise<boolean> {
    const rows = await this.db
      .selectFrom('conversations')
      .select('uninstalled_at')
      .where('user_aad_id', '=', userAadId)
      .where('scope', '=', 'personal')
      .execute();
    return rows.length > 0 && rows.every((row) => row.uninstalled_at !== null);
  }

  async listActive(): Promise<ConversationRecord[]> {
    const rows = await this.db
      .selectFrom('conversations')
      .selectAll()
      .where('uninstalled_at', 'is', null)
      .execute();
    // Sorted here rather than in SQL: PostgreSQL orders text by the database's locale collation
    // and SQLite by bytes, and both dialects must return the same order.
    return rows.map(toRecord).sort((a, b) => compareCodeUnits(a.conversationId, b.conversationId));
  }

  async refresh(
    conversationId: string,
    changes: { locale: string | null; timezone: string | null; serviceUrl: string },
    at: Date,
  ): Promise<void> {
    await this.db
      .updateTable('conversations')
      .set({
        locale: changes.locale,
        timezone: changes.timezone,
        service_url: changes.serviceUrl,
        updated_at: at.toISOString(),
      })
      .where('conversation_id', '=', toConversationKey(conversationId))
      .execute();
  }

  async markUninstalled(conversationId: string, at: Date): Promise<void> {
    await this.db
      .updateTable('conversations')
      .set({ uninstalled_at: at.toISOString(), updated_at: at.toISOString() })
      .where('conversation_id', '=', toConversationKey(conversationId))
      // Teams may deliver the removal event again; the first removal time is the one to keep.
      .where('uninstalled_at', 'is', null)
      .execute();
  }

  async markTeamUninstalled(teamId: string, at: Date): Promise<void> {
    await this.db
      .updateTable('conversations')
      .set({ uninstalled_at: at.toISOString(), updated_at: at.toISOString() })
      .where('team_id', '=', teamId)
      .where('uninstalled_at', 'is', null)
      .execute();
  }

  async recordUserContext(context: UserContext): Promise<void> {
    const changes = {
      locale: context.locale,
      timezone: context.timezone,
      seen_at: context.seenAt.toISOString(),
    };
    await this.db
      .insertInto('user_contexts')
      .values({ aad_id: context.aadId, ...changes })
      .onConflict((conflict) => conflict.column('aad_id').doUpdateSet(changes))
      .execute();
  }

  async listUserContexts(aadIds: readonly string[]): Promise<UserContext[]> {
    const contexts: UserContext[] = [];
    for (let start = 0; start < aadIds.length; start += IN_LIST_CHUNK) {
      const chunk = aadIds.slice(start, start + IN_LIST_CHUNK);
      const rows =
        chunk.length <= REUSED_IN_LIST
          ? (await this.contextsOf(chunk.length)(...chunk)).rows
          : await this.db
              .selectFrom('user_contexts')
              .selectAll()
              .where('aad_id', 'in', chunk)
              .execute();
      for (const row of rows) {
        contexts.push({
          aadId: row.aad_id,
          locale: row.locale,
          timezone: row.timezone,
          seenAt: new Date(row.seen_at),
        });
      }
    }
    return contexts;
  }

  /** A team's people (a dozen or so) are read on every check-in turn: one query per list length. */
  private readonly contextQueries = new Map<
    number,
    (...ids: string[]) => Promise<QueryResult<Selectable<UserContextsTable>>>
  >();

  private contextsOf(
    count: number,
  ): (...ids: string[]) => Promise<QueryResult<Selectable<UserContextsTable>>> {
    let query = this.contextQueries.get(count);
    if (query === undefined) {
      query = reusableQuery(
        () => this.db,
        count,
        (...ids: string[]) =>
          this.db.selectFrom('user_contexts').selectAll().where('aad_id', 'in', ids),
      );
      this.contextQueries.set(count, query);
    }
    return query;
  }

  async getUserContext(aadId: string): Promise<UserContext | undefined> {
    const row = await this.db
      .selectFrom('user_contexts')
      .selectAll()
      .where('aad_id', '=', aadId)
      .executeTakeFirst();
    if (row === undefined) return undefined;
    return {
      aadId: row.aad_id,
      locale: row.locale,
      timezone: row.timezone,
      seenAt: new Date(row.seen_at),
    };
  }
}

function toRow(record: ConversationRecord): Selectable<ConversationsTable> {
  return {
    conversation_id: toConversationKey(record.conversationId),
    scope: record.scope,
    service_url: record.serviceUrl,
    tenant_id: record.tenantId,
    team_id: record.teamId,
    channel_id: record.channelId,
    user_aad_id: record.userAadId,
    bot_id: record.botId,
    locale: record.locale,
    timezone: record.timezone,
    installed_at: record.installedAt.toISOString(),
    updated_at: record.updatedAt.toISOString(),
    uninstalled_at: record.uninstalledAt?.toISOString() ?? null,
  };
}

function toRecord(row: Selectable<ConversationsTable>): ConversationRecord {
  return {
    conversationId: row.conversation_id,
    scope: row.scope as ConversationScope,
    serviceUrl: row.service_url,
    tenantId: row.tenant_id,
    teamId: row.team_id,
    channelId: row.channel_id,
    userAadId: row.user_aad_id,
    botId: row.bot_id,
    locale: row.locale,
    timezone: row.timezone,
    installedAt: new Date(row.installed_at),
    updatedAt: new Date(row.updated_at),
    uninstalledAt: row.uninstalled_at === null ? null : new Date(row.uninstalled_at),
  };
}

function compareCodeUnits(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
