import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type LogEvent } from 'kysely';
import { Pool } from 'pg';
import { migrations } from './migrations';
import { reuseStatements } from './reuse-statements';
import { resolvePostgresUrl } from './resolve-postgres-url';
import { runMigrations } from './run-migrations';
import type { Database } from './schema';

/** An open, migrated database and the operations the process needs around it. */
export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: 'sqlite' | 'postgres';
  /** True when the database answers `select 1` in time; false on any error or once closed. */
  ping(): Promise<boolean>;
  /** Releases the connections; calling it again does nothing. */
  close(): Promise<void>;
}

/** Where the data lives: PostgreSQL when `databaseUrl` is set, else the SQLite file. */
export interface OpenDatabaseOptions {
  /** `postgres://…`; when absent or empty the embedded SQLite file is used. */
  databaseUrl?: string;
  sqlitePath: string;
  /**
   * PostgreSQL only: a schema to create if missing and to work in (tests isolate with it; in
   * Azure the bot's role owns its schema and nothing else).
   */
  schema?: string;
  /**
   * PostgreSQL only: called for each new connection's password, e.g. a Microsoft Entra access
   * token (createEntraTokenPassword); absent: the password of the URL, if any.
   */
  password?: () => Promise<string>;
  /** Told of every SQL statement run, after it ran (tests count the queries of a turn). */
  onQuery?: (sql: string) => void;
}

/**
 * Health checks must answer fast (Kubernetes probes give up after 1 s by default, Azure App
 * Service after 2 s); a database slower than this to answer `select 1` is reported down.
 */
const PING_TIMEOUT_MS = 2_000;

/**
 * How long pg waits for a connection before failing. Teams expects a card action answered
 * within 5 s (DESIGN.md §3), so waiting longer for the database cannot save the turn.
 */
const POSTGRES_CONNECT_TIMEOUT_MS = 5_000;

/**
 * How long a SQLite write waits for a lock held by another connection to the same file (the
 * admin CLI, a second process) before failing with SQLITE_BUSY. Writes here take milliseconds,
 * so 5 s only runs out when the other side is stuck.
 */
const SQLITE_BUSY_TIMEOUT_MS = 5_000;

/** Lower-case PostgreSQL identifiers only (at most 63 bytes), so the name needs no quoting anywhere. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Opens PostgreSQL or SQLite, applies pending migrations and returns the handle. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  const usePostgres = options.databaseUrl !== undefined && options.databaseUrl !== '';
  const db = usePostgres
    ? await connectPostgres(
        options.databaseUrl ?? '',
        options.schema,
        options.password,
        options.onQuery,
      )
    : connectSqlite(options.sqlitePath, options.onQuery);
  try {
    await runMigrations(db, migrations, usePostgres ? options.schema : undefined);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return createHandle(db, usePostgres ? 'postgres' : 'sqlite');
}

async function connectPostgres(
  url: string,
  schema: string | undefined,
  password: (() => Promise<string>) | undefined,
  onQuery: ((sql: string) => void) | undefined,
): Promise<Kysely<Database>> {
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new Error(
      `Invalid PostgreSQL schema name "${schema}": use lower-case letters, digits and _`,
    );
  }
  const pool = new Pool({
    connectionString: resolvePostgresUrl(url),
    connectionTimeoutMillis: POSTGRES_CONNECT_TIMEOUT_MS,
    ...(password === undefined ? {} : { password }),
    // A startup parameter rather than a SET after connecting, so every pooled connection has it
    // before its first query.
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  // A connection whose server goes away emits 'error' on the pool when idle, on its client when
  // checked out, and either would crash the process if unhandled. The query in flight fails
  // anyway, pg-pool discards the broken connection, and ping() reports the outage.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), ...toLog(onQuery) });
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    await db.destroy();
    throw new Error(`Cannot reach PostgreSQL at ${redactUrl(url)}: ${describe(error)}`, {
      cause: error,
    });
  }
  if (schema !== undefined) {
    try {
      await db.schema.createSchema(schema).ifNotExists().execute();
    } catch (error) {
      // Two processes creating the same schema at once: one of them loses the race, harmlessly.
      if (!isDuplicateSchema(error)) {
        await db.destroy();
        throw error;
      }
    }
  }
  return db;
}

function connectSqlite(path: string, onQuery?: (sql: string) => void): Kysely<Database> {
  let database: SqliteDatabase.Database | undefined;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    database = new SqliteDatabase(path);
    // WAL lets readers (the health check, the CLI) run while a turn writes.
    database.pragma('journal_mode = WAL');
    database.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    database.pragma('foreign_keys = ON');
  } catch (error) {
    database?.close();
    throw new Error(`Cannot open the SQLite database at ${path}: ${describe(error)}`, {
      cause: error,
    });
  }
  return new Kysely<Database>({
    dialect: new SqliteDialect({ database: reuseStatements(database) }),
    ...toLog(onQuery),
  });
}

function toLog(onQuery: ((sql: string) => void) | undefined): { log?: (event: LogEvent) => void } {
  return onQuery === undefined ? {} : { log: (event) => onQuery(event.query.sql) };
}

function createHandle(db: Kysely<Database>, dialect: 'sqlite' | 'postgres'): DatabaseHandle {
  let closing: Promise<void> | undefined;
  return {
    db,
    dialect,
    ping: async () => {
      if (closing !== undefined) return false;
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS);
      });
      const answered = sql<{ one: number }>`select 1 as one`
        .execute(db)
        .then((result) => Number(result.rows[0]?.one) === 1)
        .catch(() => false);
      try {
        return await Promise.race([answered, timedOut]);
      } finally {
        clearTimeout(timer);
      }
    },
    close: () => {
      closing ??= db.destroy();
      return closing;
    },
  };
}

/** The URL without credentials or query string, safe to show in logs and errors. */
function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return '(unparsable DATABASE_URL)';
  }
}

function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    // Node reports a refused connection to a name with several addresses (localhost) this way,
    // with an empty message.
    return error.errors.map(describe).join('; ');
  }
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return error.message !== '' ? error.message : (code ?? error.name);
  }
  return String(error);
}

function isDuplicateSchema(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  // 42P06 duplicate_schema, 23505 unique_violation on pg_namespace: both mean "already there".
  return code === '42P06' || code === '23505';
}
