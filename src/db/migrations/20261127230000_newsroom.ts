/**
 * The newsroom's working data: who created and who is assigned an article, when it is
 * scheduled, every saved revision, the activity history, and who uploaded an image.
 */
import type { Kysely } from 'kysely';
import { dialectOf, withIdColumn } from '../dialect.ts';

/** Adds the workflow columns and the revision and activity tables. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const dialect = dialectOf(db);
  const s = db.schema;

  await s.alterTable('articles').addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null')).execute();
  await s.alterTable('articles').addColumn('assignee_id', 'integer', (c) => c.references('users.id').onDelete('set null')).execute();
  await s.alterTable('articles').addColumn('scheduled_at', 'text').execute();
  // The scheduler's one query: scheduled articles whose time has come.
  await s.createIndex('articles_scheduled').on('articles').columns(['status', 'scheduled_at']).execute();
  // Inboxes: what is assigned to me, what I wrote, by state and recency.
  await s.createIndex('articles_assignee').on('articles').columns(['assignee_id', 'status', 'modified_at']).execute();
  await s.createIndex('articles_created_by').on('articles').columns(['created_by', 'status', 'modified_at']).execute();
  await s.createIndex('articles_workflow').on('articles').columns(['status', 'modified_at', 'id']).execute();

  await withIdColumn(dialect, s.createTable('article_revisions'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
  await s.createIndex('article_revisions_article').on('article_revisions').columns(['article_id', 'id']).execute();

  await withIdColumn(dialect, s.createTable('article_activity'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await s.createIndex('article_activity_article').on('article_activity').columns(['article_id', 'id']).execute();

  await s.alterTable('images').addColumn('uploaded_by', 'integer', (c) => c.references('users.id').onDelete('set null')).execute();
  await s.alterTable('images').addColumn('original_name', 'text').execute();
  await s.createIndex('images_created').on('images').columns(['created_at', 'id']).execute();
}

/** Removes them again. */
export async function down(db: Kysely<unknown>): Promise<void> {
  const s = db.schema;
  await s.dropTable('article_activity').execute();
  await s.dropTable('article_revisions').execute();
  await s.dropIndex('images_created').execute();
  await s.alterTable('images').dropColumn('original_name').execute();
  await s.alterTable('images').dropColumn('uploaded_by').execute();
  for (const index of ['articles_workflow', 'articles_created_by', 'articles_assignee', 'articles_scheduled']) await s.dropIndex(index).execute();
  for (const column of ['scheduled_at', 'assignee_id', 'created_by']) await s.alterTable('articles').dropColumn(column).execute();
}
