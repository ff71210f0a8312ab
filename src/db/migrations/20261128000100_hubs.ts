/**
 * Tables for hub listings (articles of places on their country's page).
 *
 * `article_hubs` holds one row per (country hub, published article) for every article
 * tagged with the country or with a place inside it: a denormalised copy kept in step by
 * src/hubs/sync.ts, so a country page is one keyset walk down one index instead of a
 * union of several tag listings sorted per request.
 */
import type { Kysely } from 'kysely';

/** Creates them. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('article_hubs')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('hub_tag_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('listed_at', 'text', (c) => c.notNull())
    // Article first: every article write replaces its own rows, and deleting an article cascades by it.
    .addPrimaryKeyConstraint('article_hubs_pk', ['article_id', 'hub_tag_id'])
    .execute();
  // The same shape as article_tags_listing: equality columns first, then (listed_at, article_id) walked in order.
  await db.schema.createIndex('article_hubs_listing').on('article_hubs').columns(['hub_tag_id', 'language', 'listed_at', 'article_id']).execute();
}

/** Drops them. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('article_hubs').ifExists().execute();
}
