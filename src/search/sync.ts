/**
 * Keeps an article's search document in step with it: published articles have one, nothing
 * else does. Runs inside the transaction of every article write (afterArticleWrite), so the
 * index never shows a state the articles table did not have. Deleting an article removes its
 * document through ON DELETE CASCADE (and, in SQLite, the FTS5 entry through a trigger).
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { TEXT_FIELDS, buildSearchDocument, loadSearchSources } from './document.ts';
import type { SearchDocumentFields } from './document.ts';
import { preferredSortKey } from './sort-key.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/** Called by afterArticleWrite in the transaction of every article write. */
export async function syncSearchDocument(db: Executor, articleId: number): Promise<void> {
  const source = (await loadSearchSources(db, [articleId])).get(articleId);
  if (!source?.isPublished || source.publishedAt === null) {
    await db.deleteFrom('search_documents').where('article_id', '=', articleId).execute();
    return;
  }
  const document = buildSearchDocument(source);
  const existing = await db
    .selectFrom('search_documents')
    .select(['sort_key', 'published_at', 'language', 'facets', ...TEXT_FIELDS])
    .where('article_id', '=', articleId)
    .executeTakeFirst();
  // Most writes to a published article (corrections, re-saves) leave its text alone:
  // skip the index churn when nothing search sees has changed.
  if (existing && existing.published_at === source.publishedAt && isSameDocument(existing, document)) return;
  if (existing) await db.deleteFrom('search_documents').where('article_id', '=', articleId).execute();
  const sortKey = await freeSortKey(db, preferredSortKey(source.publishedAt, articleId));
  await db
    .insertInto('search_documents')
    .values({ sort_key: sortKey, article_id: articleId, published_at: source.publishedAt, ...document })
    .execute();
}

/** Re-reads articles into the index, after a change outside the article (a tag or author renamed, an image caption edited). */
export async function resyncSearchDocuments(db: Executor, articleIds: readonly number[]): Promise<void> {
  for (const articleId of new Set(articleIds)) await syncSearchDocument(db, articleId);
}

function isSameDocument(stored: SearchDocumentFields, fresh: SearchDocumentFields): boolean {
  return stored.language === fresh.language && stored.facets === fresh.facets && TEXT_FIELDS.every((field) => stored[field] === fresh[field]);
}

/** The preferred key, or the next one up when another article holds it (same second, ids 2^20 apart). */
async function freeSortKey(db: Executor, preferred: number): Promise<number> {
  const taken = await db
    .selectFrom('search_documents')
    .select('sort_key')
    .where('sort_key', '>=', preferred)
    .where('sort_key', '<', preferred + 64)
    .orderBy('sort_key')
    .execute();
  const used = new Set(taken.map((row) => Number(row.sort_key)));
  let key = preferred;
  while (used.has(key)) key += 1;
  return key < preferred + 64 ? key : freeSortKey(db, key);
}
