import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * Statements kept per connection. The stores' queries are a few hundred distinct texts; lists
 * of ids of varying length (`in (?, ?, …)`) add more, and the least recently used go first.
 */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * The SQLite connection as Kysely sees it, preparing each SQL text once: Kysely's SQLite driver
 * prepares the statement again on every query, which costs about as much as running it.
 * better-sqlite3 statements are made to be run many times; Kysely runs one query at a time on
 * its single connection, so a cached statement is never in use twice at once.
 */
export function reuseStatements(
  database: SqliteDatabase,
  capacity: number = STATEMENT_CACHE_SIZE,
): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    close: () => {
      statements.clear();
      database.close();
    },
    prepare: (sql) => {
      const cached = statements.get(sql);
      if (cached !== undefined) {
        // Most recently used last, so the first key is the one to drop.
        statements.delete(sql);
        statements.set(sql, cached);
        return cached;
      }
      const statement = database.prepare(sql);
      statements.set(sql, statement);
      if (statements.size > capacity) statements.delete(statements.keys().next().value!);
      return statement;
    },
  };
}
