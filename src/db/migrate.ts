/** Runs pending migrations; called at every start and by `masthead migrate`. */
import { Migrator, sql } from 'kysely';
import type { Kysely, MigrationResult } from 'kysely';
import { openDatabase, targetFromConfig } from './database.ts';
import type { DatabaseHandle } from './database.ts';
import { dialectOf } from './dialect.ts';
import { migrations } from './migrations/index.ts';

/** Result of one migration run: what was applied, or the error that stopped it. */
export interface MigrationReport {
  applied: string[];
  error: Error | null;
}

/** Applies every pending migration in one go; already-applied ones are skipped. */
export async function migrateToLatest<T>(db: Kysely<T>): Promise<MigrationReport> {
  // On PostgreSQL the migrator must be told the schema: left alone, it treats a
  // migrations table in *any* schema of the database as its own, so two Mastheads (or
  // two test suites) sharing one database would skip each other's migrations.
  let migrationTableSchema: string | undefined;
  if (dialectOf(db) === 'postgres') {
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
    migrationTableSchema = rows[0]?.schema;
  }
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    migrationTableName: 'masthead_migrations',
    migrationLockTableName: 'masthead_migrations_lock',
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  });
  // Kysely's migrator looks for its table by listing the tables and columns of every
  // schema (calling pg_get_serial_sequence on each column); on a PostgreSQL server where
  // another installation (or test suite) drops a schema at that moment, the listing fails
  // with "schema … does not exist" (3F000), or names a table or column of that other schema
  // that has just gone (42P01, 42703: "column "timestamp" of relation
  // "masthead_migrations" does not exist"). That is not about us: try again. (A migration
  // of ours that fails the same way runs in a rolled-back transaction, so it only fails again.)
  let outcome = await migrateOnce(migrator);
  for (let attempt = 1; attempt < 8 && isVanishedSchema(outcome.error); attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    outcome = await migrateOnce(migrator);
  }
  const { error, results } = outcome;
  const applied = (results ?? []).filter((r: MigrationResult) => r.status === 'Success').map((r) => r.migrationName);
  return { applied, error: error === undefined ? null : error instanceof Error ? error : new Error(`migration failed: ${JSON.stringify(error)}`) };
}

async function migrateOnce(migrator: Migrator): Promise<{ error?: unknown; results?: MigrationResult[] }> {
  try {
    return await migrator.migrateToLatest();
  } catch (error) {
    return { error };
  }
}

const VANISHED_OBJECT_CODES = new Set(['3F000', '42P01', '42703']);

function isVanishedSchema(error: unknown): boolean {
  return typeof error === 'object' && error !== null && VANISHED_OBJECT_CODES.has(String((error as { code?: unknown }).code));
}

/** A database opened and brought up to date, and the migrations that this opening applied. */
export interface MigratedDatabase {
  handle: DatabaseHandle;
  applied: string[];
}

/**
 * Opens the configured database and applies pending migrations, as every process does
 * before it touches a table (server, worker, CLI commands); a failed migration closes the
 * database again and throws.
 */
export async function openMigratedDatabase(config: { databaseUrl: string | null; dataDir: string }): Promise<MigratedDatabase> {
  const handle = await openDatabase(targetFromConfig(config));
  const report = await migrateToLatest(handle.db);
  if (report.error) {
    await handle.close();
    throw report.error;
  }
  return { handle, applied: report.applied };
}
