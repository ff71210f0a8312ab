/**
 * Which article each tracked newsletter link leads to, so an issue's stats can name the
 * story (its headline) rather than show a bare URL. Null for links written before this
 * column, and when the article is deleted later.
 */
import type { Kysely } from 'kysely';

/** Adds the column. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('newsletter_links')
    .addColumn('article_id', 'integer', (c) => c.references('articles.id').onDelete('set null'))
    .execute();
}

/** Removes it again. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('newsletter_links').dropColumn('article_id').execute();
}
