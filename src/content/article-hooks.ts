/**
 * What must follow any write to an article, inside the same transaction: the search
 * index, the hub listings (articles of places shown on their country's page) and the
 * sitemap's month summary. Every article write path calls `afterArticleWrite` —
 * create, save, workflow steps, the scheduler, corrections — so none can drift.
 * Deleting an article removes its rows through foreign keys (ON DELETE CASCADE).
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { syncHubListing } from '../hubs/sync.ts';
import { syncSearchDocument } from '../search/sync.ts';
import { syncSitemapMonths } from '../sitemaps/sync.ts';

/** Brings every derived table in step with one article's current state. */
export async function afterArticleWrite(db: Kysely<Database> | Transaction<Database>, articleId: number): Promise<void> {
  await syncSearchDocument(db, articleId);
  await syncHubListing(db, articleId);
  await syncSitemapMonths(db, articleId);
}
