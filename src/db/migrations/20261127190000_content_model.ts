/** The content model of the reader's site: sections, authors, tags, images, articles, pages, settings. */
import type { Kysely } from 'kysely';
import { dialectOf, withIdColumn } from '../dialect.ts';

/** Creates the content tables and the indexes that keyset pagination walks. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const dialect = dialectOf(db);
  const s = db.schema;

  await s.createTable('site_settings').addColumn('key', 'text', (c) => c.primaryKey()).addColumn('value', 'text', (c) => c.notNull()).execute();

  await s
    .createTable('content_state')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .execute();

  await withIdColumn(dialect, s.createTable('sections'))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_translations', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('default_licensing_policy', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await withIdColumn(dialect, s.createTable('images'))
    .addColumn('file_key', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('alt', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('caption', 'text')
    .addColumn('credit', 'text')
    .addColumn('credit_organisation', 'text')
    .addColumn('can_distribute', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('variants', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await s.createIndex('images_content_hash').on('images').column('content_hash').execute();

  await withIdColumn(dialect, s.createTable('authors'))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('bio', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('expertise', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('languages', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('location', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('image_id', 'integer', (c) => c.references('images.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await withIdColumn(dialect, s.createTable('tags'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('aliases', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('description', 'text')
    .addColumn('country_code', 'text')
    .addColumn('parent_id', 'integer', (c) => c.references('tags.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('tags_kind_slug', ['kind', 'slug'])
    .execute();
  await s.createIndex('tags_parent').on('tags').column('parent_id').execute();

  await withIdColumn(dialect, s.createTable('articles'))
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('translation_group', 'text')
    .addColumn('headline', 'text', (c) => c.notNull())
    .addColumn('standfirst', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('section_id', 'integer', (c) => c.notNull().references('sections.id'))
    .addColumn('byline', 'text')
    .addColumn('dateline', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('hero_image_id', 'integer', (c) => c.references('images.id').onDelete('set null'))
    .addColumn('hero_caption', 'text')
    .addColumn('hero_credit', 'text')
    .addColumn('hero_alt', 'text')
    .addColumn('sources', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('updated_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('modified_at', 'text', (c) => c.notNull())
    .addColumn('licensing_policy', 'text')
    .addColumn('seo_title', 'text')
    .addColumn('seo_description', 'text')
    .addColumn('word_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('articles_language_slug', ['language', 'slug'])
    .execute();
  // Keyset pagination: equality columns first, then (published_at, id) walked in order.
  await s.createIndex('articles_listing').on('articles').columns(['status', 'language', 'published_at', 'id']).execute();
  await s.createIndex('articles_section_listing').on('articles').columns(['section_id', 'status', 'published_at', 'id']).execute();
  await s.createIndex('articles_translation_group').on('articles').column('translation_group').execute();

  await s
    .createTable('article_authors')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('author_id', 'integer', (c) => c.notNull().references('authors.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('listed_at', 'text')
    .addPrimaryKeyConstraint('article_authors_pk', ['article_id', 'author_id'])
    .execute();
  await s.createIndex('article_authors_listing').on('article_authors').columns(['author_id', 'listed_at', 'article_id']).execute();

  await s
    .createTable('article_tags')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('listed_at', 'text')
    .addPrimaryKeyConstraint('article_tags_pk', ['article_id', 'tag_id'])
    .execute();
  await s.createIndex('article_tags_listing').on('article_tags').columns(['tag_id', 'language', 'listed_at', 'article_id']).execute();

  await withIdColumn(dialect, s.createTable('article_corrections'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await s.createIndex('article_corrections_article').on('article_corrections').column('article_id').execute();
  await s.createIndex('article_corrections_created').on('article_corrections').columns(['created_at', 'id']).execute();

  await withIdColumn(dialect, s.createTable('static_pages'))
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('static_pages_language_slug', ['language', 'slug'])
    .execute();
}

/** Drops the content tables in dependency order. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['static_pages', 'article_corrections', 'article_tags', 'article_authors', 'articles', 'tags', 'authors', 'images', 'sections', 'content_state', 'site_settings']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
