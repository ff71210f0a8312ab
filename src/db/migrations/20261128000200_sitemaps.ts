/**
 * Tables for the sitemaps: one narrow row per published article (what its `<url>` needs,
 * and which month file and part it was counted in), and one summary row per part of a
 * month's sitemap (URL count, byte estimate, lastmod), so the sitemap index reads a few
 * dozen rows however large the archive is.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { dialectOf } from '../dialect.ts';

/** Creates them, the trigger that keeps part counts right when an article is deleted, and the news sitemap's index. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const s = db.schema;

  await s
    .createTable('sitemap_entries')
    .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('part', 'integer', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('lastmod', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('section_id', 'integer', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('translation_group', 'text')
    .addColumn('image_keys', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('byte_estimate', 'integer', (c) => c.notNull())
    .execute();
  // A part's file is one range of this index, read in order.
  await s.createIndex('sitemap_entries_part').on('sitemap_entries').columns(['month', 'part', 'published_at', 'article_id']).execute();
  await s
    .createIndex('sitemap_entries_translation')
    .on('sitemap_entries')
    .column('translation_group')
    .where(sql.ref('translation_group'), 'is not', null)
    .execute();

  await s
    .createTable('sitemap_parts')
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('part', 'integer', (c) => c.notNull())
    .addColumn('url_count', 'integer', (c) => c.notNull())
    .addColumn('byte_estimate', 'integer', (c) => c.notNull())
    .addColumn('lastmod', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sitemap_parts_pk', ['month', 'part'])
    .execute();

  // The Google News sitemap: published articles of the last 48 hours, newest first, across languages.
  await s.createIndex('articles_status_published').on('articles').columns(['status', 'published_at', 'id']).execute();

  // Article writes keep the summary in step through syncSitemapMonths, but a deleted
  // article's entry goes by ON DELETE CASCADE, which no application code sees: the
  // database itself takes it off its part's count.
  if (dialectOf(db) === 'postgres') {
    await sql`
      create function sitemap_entry_removed() returns trigger language plpgsql as $$
      begin
        update sitemap_parts
           set url_count = url_count - 1,
               byte_estimate = byte_estimate - old.byte_estimate,
               lastmod = greatest(lastmod, to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
         where month = old.month and part = old.part;
        return old;
      end
      $$`.execute(db);
    await sql`create trigger sitemap_entry_removed after delete on sitemap_entries for each row execute function sitemap_entry_removed()`.execute(db);
  } else {
    await sql`
      create trigger sitemap_entry_removed after delete on sitemap_entries
      begin
        update sitemap_parts
           set url_count = url_count - 1,
               byte_estimate = byte_estimate - old.byte_estimate,
               lastmod = max(lastmod, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
         where month = old.month and part = old.part;
      end`.execute(db);
  }
}

/** Drops them. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('articles_status_published').ifExists().execute();
  await db.schema.dropTable('sitemap_entries').ifExists().execute();
  await db.schema.dropTable('sitemap_parts').ifExists().execute();
  if (dialectOf(db) === 'postgres') await sql`drop function if exists sitemap_entry_removed()`.execute(db);
}
