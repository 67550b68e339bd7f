import { sql, type Kysely } from 'kysely';
import type { Directory, DirectoryEntry } from '../../core/ports/directory';
import type { Database } from './schema';

/**
 * The people the bot has met, with the email Teams gave for them: how a candidate's line manager,
 * named by email, is reached once they have talked to the bot.
 */
export class SqlPeopleDirectory implements Directory {
  constructor(private readonly db: Kysely<Database>) {}

  /** Records (or refreshes) a person; an unknown email leaves a known one in place. */
  async record(
    person: { aadId: string; name: string; email: string | null },
    at: Date,
  ): Promise<void> {
    const email = person.email?.trim().toLowerCase() || null;
    const changes = {
      name: person.name,
      seen_at: at.toISOString(),
      ...(email === null ? {} : { email }),
    };
    await this.db
      .insertInto('people')
      .values({ aad_id: person.aadId, email, name: person.name, seen_at: at.toISOString() })
      .onConflict((oc) => oc.column('aad_id').doUpdateSet(changes))
      .execute();
  }

  async findByEmail(email: string): Promise<DirectoryEntry | undefined> {
    const row = await this.db
      .selectFrom('people')
      .select(['aad_id', 'name'])
      .where('email', '=', email.trim().toLowerCase())
      .orderBy('seen_at', 'desc')
      .executeTakeFirst();
    return row === undefined ? undefined : { aadId: row.aad_id, name: row.name };
  }

  /** The names and addresses the bot knows for these people, keyed by lowercased Entra id. */
  async findPeople(
    aadIds: readonly string[],
  ): Promise<Map<string, { name: string; email: string | null }>> {
    if (aadIds.length === 0) return new Map();
    const wanted = new Set(aadIds.map((id) => id.toLowerCase()));
    const rows = await this.db
      .selectFrom('people')
      .select(['aad_id', 'name', 'email'])
      .where(sql<string>`lower(aad_id)`, 'in', [...wanted])
      .execute();
    return new Map(
      rows.map((row) => [row.aad_id.toLowerCase(), { name: row.name, email: row.email }]),
    );
  }

  /** The e-mail address Teams gave for this person (case-insensitive Entra id), if any. */
  async findEmail(aadId: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('people')
      .select('email')
      .where(sql<string>`lower(aad_id)`, '=', aadId.toLowerCase())
      .where('email', 'is not', null)
      .orderBy('seen_at', 'desc')
      .executeTakeFirst();
    return row?.email ?? undefined;
  }

  /** The names the bot knows for these people (from their messages), keyed by lowercased Entra id. */
  async findNames(aadIds: readonly string[]): Promise<Map<string, string>> {
    if (aadIds.length === 0) return new Map();
    const wanted = new Set(aadIds.map((id) => id.toLowerCase()));
    const rows = await this.db
      .selectFrom('people')
      .select(['aad_id', 'name'])
      .where(sql<string>`lower(aad_id)`, 'in', [...wanted])
      .execute();
    return new Map(
      rows.filter((row) => row.name !== '').map((row) => [row.aad_id.toLowerCase(), row.name]),
    );
  }
}
