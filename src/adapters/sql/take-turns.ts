import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Runs a claim so that claims of the same name take turns on PostgreSQL: one transaction at a
 * time holds an advisory lock named after the schema and `name`, so each claim sees the leases
 * the previous one committed. SQLite has one writer anyway: the claim runs as it is.
 */
export function takeTurns<DB, T>(
  db: Kysely<DB>,
  name: string,
  claim: (db: Kysely<DB>) => Promise<T>,
): Promise<T> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return claim(db);
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(current_schema() || ${`.${name}`}))`.execute(
      trx,
    );
    return claim(trx);
  });
}
