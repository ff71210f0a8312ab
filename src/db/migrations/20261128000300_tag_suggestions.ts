/**
 * Tables for suggested tags and the newsroom's decisions on them: one row per article and
 * suggested name, with its status (pending, accepted, rejected) so that a rejected
 * suggestion is never offered again for that article; and, per article, which revision
 * was last analysed, so `masthead tags:suggest --all` can stop and resume.
 */
import type { Kysely } from 'kysely';
import { dialectOf, withIdColumn } from '../dialect.ts';

/** Creates them. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const s = db.schema;
  await withIdColumn(dialectOf(db), s.createTable('tag_suggestions'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    // What identifies the suggestion across re-analyses: kind and folded name, or country code.
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('tag_id', 'integer', (c) => c.references('tags.id').onDelete('set null'))
    .addColumn('country_code', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    // Percent, 0–100: integers read back identically from both databases.
    .addColumn('confidence', 'integer', (c) => c.notNull())
    .addColumn('mentions', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('decided_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('decided_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('tag_suggestions_article_key', ['article_id', 'name_key'])
    .execute();
  await s.createIndex('tag_suggestions_article_status').on('tag_suggestions').columns(['article_id', 'status']).execute();
  // Deleting a tag clears it from suggestions; this keeps that from scanning the table.
  await s.createIndex('tag_suggestions_tag').on('tag_suggestions').column('tag_id').execute();

  await s
    .createTable('article_suggestion_state')
    .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('analyser_version', 'integer', (c) => c.notNull())
    .addColumn('analysed_at', 'text', (c) => c.notNull())
    .execute();
}

/** Removes them again. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('article_suggestion_state').execute();
  await db.schema.dropTable('tag_suggestions').execute();
}
