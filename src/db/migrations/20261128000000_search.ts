/**
 * The search index. `search_documents` holds one row per published article (its texts
 * normalised in TypeScript, src/search/document.ts) and goes with the article through
 * ON DELETE CASCADE. Each database indexes the same rows its own way:
 * - SQLite: an external-content FTS5 table over the rows, kept in step by triggers, with the
 *   sort key (publication order) as rowid. While `search_bulk_load` holds a row (a bulk seed is
 *   running) the triggers stand aside and the seeder rebuilds the index once at the end, which
 *   is several times faster than indexing a million rows one by one;
 * - PostgreSQL: three generated `tsvector` columns (headline; headline + standfirst + people +
 *   tags; everything), each with a GIN index, configured `english` for English documents and
 *   `simple` for the others. Filter tokens are added to each as lexemes no reader's word can
 *   produce (`§sec12`).
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { dialectOf } from '../dialect.ts';

const TEXT_COLUMNS = ['headline', 'standfirst', 'body', 'captions', 'people', 'tags'] as const;

/** Creates the document table and the dialect's full-text index over it. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const dialect = dialectOf(db);
  let table = db.schema
    // In SQLite only the exact type INTEGER PRIMARY KEY makes the column the rowid.
    .createTable('search_documents')
    .addColumn('sort_key', dialect === 'sqlite' ? 'integer' : 'bigint', (c) => c.primaryKey())
    .addColumn('article_id', 'integer', (c) => c.notNull().unique().references('articles.id').onDelete('cascade'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull());
  for (const column of TEXT_COLUMNS) table = table.addColumn(column, 'text', (c) => c.notNull().defaultTo(''));
  await table.addColumn('facets', 'text', (c) => c.notNull().defaultTo('')).execute();

  if (dialect === 'sqlite') await createFts5(db);
  else await createTsvectors(db);
}

async function createFts5(db: Kysely<unknown>): Promise<void> {
  const columns = [...TEXT_COLUMNS, 'facets'];
  const list = sql.raw(columns.join(', '));
  const newValues = sql.raw(columns.map((column) => `new.${column}`).join(', '));
  const oldValues = sql.raw(columns.map((column) => `old.${column}`).join(', '));
  await sql`CREATE TABLE search_bulk_load (started_at TEXT NOT NULL)`.execute(db);
  const unlessBulkLoading = sql.raw('WHEN NOT EXISTS (SELECT 1 FROM search_bulk_load)');
  await sql`CREATE VIRTUAL TABLE search_fts USING fts5(${list}, content='search_documents', content_rowid='sort_key', tokenize='porter unicode61 remove_diacritics 2')`.execute(db);
  await sql`CREATE TRIGGER search_documents_insert AFTER INSERT ON search_documents ${unlessBulkLoading} BEGIN
    INSERT INTO search_fts(rowid, ${list}) VALUES (new.sort_key, ${newValues});
  END`.execute(db);
  // Also fires for rows removed by ON DELETE CASCADE when an article is deleted.
  await sql`CREATE TRIGGER search_documents_delete AFTER DELETE ON search_documents ${unlessBulkLoading} BEGIN
    INSERT INTO search_fts(search_fts, rowid, ${list}) VALUES ('delete', old.sort_key, ${oldValues});
  END`.execute(db);
  await sql`CREATE TRIGGER search_documents_update AFTER UPDATE ON search_documents ${unlessBulkLoading} BEGIN
    INSERT INTO search_fts(search_fts, rowid, ${list}) VALUES ('delete', old.sort_key, ${oldValues});
    INSERT INTO search_fts(rowid, ${list}) VALUES (new.sort_key, ${newValues});
  END`.execute(db);
}

async function createTsvectors(db: Kysely<unknown>): Promise<void> {
  const config = `(CASE WHEN language = 'en' THEN 'english'::regconfig ELSE 'simple'::regconfig END)`;
  const vector = (column: string) => `to_tsvector(${config}, ${column})`;
  const facets = `array_to_tsvector(string_to_array('§' || replace(facets, ' ', ' §'), ' '))`;
  const scopes = {
    search_headline: ['headline'],
    search_about: ['headline', 'standfirst', 'people', 'tags'],
    search_all: [...TEXT_COLUMNS],
  };
  for (const [name, columns] of Object.entries(scopes)) {
    const expression = [...columns.map(vector), facets].join(' || ');
    await sql`ALTER TABLE search_documents ADD COLUMN ${sql.raw(name)} tsvector GENERATED ALWAYS AS (${sql.raw(expression)}) STORED`.execute(db);
    await sql`CREATE INDEX ${sql.raw(`${name}_gin`)} ON search_documents USING gin (${sql.raw(name)})`.execute(db);
  }
}

/** Drops the index and the document table. */
export async function down(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) === 'sqlite') {
    await sql`DROP TABLE IF EXISTS search_fts`.execute(db);
    await sql`DROP TABLE IF EXISTS search_bulk_load`.execute(db);
  }
  await db.schema.dropTable('search_documents').ifExists().execute();
}
