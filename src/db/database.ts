/**
 * Opens the database that the configuration names: embedded SQLite by default,
 * PostgreSQL when a URL is given. Both are used through one Kysely instance.
 */
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { redactUrl } from '../config.ts';
import type { DialectName } from './dialect.ts';
import type { Database } from './schema.ts';

// PostgreSQL returns int8 (count(*), bigint) as strings by default; every count we
// keep fits in a double, so both dialects hand back plain numbers.
pg.types.setTypeParser(20, (value) => Number(value));

/** Where to connect: a SQLite file (or `:memory:`) or a PostgreSQL URL with an optional schema. */
export type DatabaseTarget =
  | { kind: 'sqlite'; file: string }
  | { kind: 'postgres'; url: string; schema?: string; poolSize?: number };

/** An open database: the Kysely handle, which dialect it speaks, and how to close it. */
export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: DialectName;
  /** Shown in logs and errors; passwords removed. */
  description: string;
  close(): Promise<void>;
}

/** Thrown when the database cannot be reached; start-up prints its message as one line. */
export class DatabaseUnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseUnreachableError';
  }
}

/** Picks the target from the validated configuration. */
export function targetFromConfig(config: { databaseUrl: string | null; dataDir: string }): DatabaseTarget {
  if (config.databaseUrl) return { kind: 'postgres', url: config.databaseUrl };
  return { kind: 'sqlite', file: path.join(config.dataDir, 'masthead.sqlite') };
}

/** Opens a connection and checks that it answers; throws DatabaseUnreachableError otherwise. */
export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.kind === 'sqlite') return openSqlite(target.file);
  return openPostgres(target);
}

function openSqlite(file: string): DatabaseHandle {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  let native: SqliteDatabase.Database;
  try {
    native = new SqliteDatabase(file);
  } catch (error) {
    throw new DatabaseUnreachableError(`MASTHEAD_DATA_DIR: cannot open SQLite database ${file} (${(error as Error).message})`);
  }
  // WAL lets readers continue while a writer commits; NORMAL sync is durable across
  // application crashes (not power loss of the whole machine), the usual trade-off.
  native.pragma('journal_mode = WAL');
  native.pragma('synchronous = NORMAL');
  native.pragma('foreign_keys = ON');
  native.pragma('busy_timeout = 5000');
  native.pragma('cache_size = -32000');
  native.pragma('temp_store = MEMORY');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(native) }) });
  return {
    db,
    dialect: 'sqlite',
    description: `SQLite ${file}`,
    close: async () => {
      await db.destroy();
    },
  };
}

/**
 * Kysely prepares every query anew; SQLite's parse-and-plan step then costs more than
 * running the query. Reusing prepared statements by SQL text removes it from the hot path.
 */
function withStatementCache(native: SqliteDatabase.Database, capacity = 1000) {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => native.close(),
    prepare: (text: string) => {
      let statement = statements.get(text);
      if (!statement) {
        statement = native.prepare(text);
        if (statements.size >= capacity) {
          const oldest = statements.keys().next().value;
          if (oldest !== undefined) statements.delete(oldest);
        }
        statements.set(text, statement);
      }
      return statement;
    },
  };
}

async function openPostgres(target: { url: string; schema?: string; poolSize?: number }): Promise<DatabaseHandle> {
  const options = target.schema ? `-c search_path=${target.schema}` : undefined;
  const pool = new pg.Pool({
    connectionString: target.url,
    max: target.poolSize ?? 10,
    connectionTimeoutMillis: 5000,
    ...(options ? { options } : {}),
  });
  // An idle client that loses its connection emits 'error' on the pool; without a
  // listener that would crash the process instead of failing the next query.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    if (target.schema) {
      const bootstrap = new pg.Client({ connectionString: target.url, connectionTimeoutMillis: 5000 });
      await bootstrap.connect();
      try {
        await bootstrap.query(`CREATE SCHEMA IF NOT EXISTS "${target.schema.replace(/"/g, '')}"`);
      } finally {
        await bootstrap.end();
      }
    }
    await sql`select 1`.execute(db);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new DatabaseUnreachableError(`DATABASE_URL: cannot connect to ${redactUrl(target.url)} (${reason})`);
  }
  return {
    db,
    dialect: 'postgres',
    description: `PostgreSQL ${redactUrl(target.url)}${target.schema ? ` schema ${target.schema}` : ''}`,
    close: async () => {
      await db.destroy();
    },
  };
}
