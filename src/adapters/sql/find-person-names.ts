import type { Kysely } from 'kysely';
import type { Database } from './schema';

/** The names the bot knows for these people (from their messages), keyed by lowercased Entra id. */
export async function findPersonNames(
  db: Kysely<Database>,
  aadIds: readonly string[],
): Promise<Map<string, string>> {
  if (aadIds.length === 0) return new Map();
  const wanted = new Set(aadIds.map((id) => id.toLowerCase()));
  const rows = await db
    .selectFrom('people')
    .select(['aad_id', 'name'])
    .where('aad_id', 'in', [...new Set([...aadIds, ...wanted])])
    .execute();
  return new Map(
    rows
      .filter((row) => row.name !== '' && wanted.has(row.aad_id.toLowerCase()))
      .map((row) => [row.aad_id.toLowerCase(), row.name]),
  );
}
