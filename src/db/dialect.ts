/**
 * The few places where SQLite and PostgreSQL really differ, kept together so the rest
 * of the data layer is written once against Kysely.
 */
import { PostgresAdapter } from 'kysely';
import type { ColumnDefinitionBuilder, CreateTableBuilder } from 'kysely';

/** Which database engine a connection talks to. */
export type DialectName = 'sqlite' | 'postgres';

/** Adds an auto-incrementing integer primary key named `id`, in each dialect's own idiom. */
export function withIdColumn<T extends string>(dialect: DialectName, table: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'id'> {
  if (dialect === 'postgres') {
    return table.addColumn('id', 'integer', (col: ColumnDefinitionBuilder) => col.primaryKey().generatedByDefaultAsIdentity());
  }
  return table.addColumn('id', 'integer', (col: ColumnDefinitionBuilder) => col.primaryKey().autoIncrement());
}

/** Largest number of bound parameters one statement may carry (SQLite's limit is 32,766; PostgreSQL's 65,535). */
export function maxBoundParameters(dialect: DialectName): number {
  return dialect === 'postgres' ? 60_000 : 30_000;
}

/** Tells which dialect a Kysely instance speaks, for migrations that receive only the instance. */
export function dialectOf(db: { getExecutor(): { adapter: object } }): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
