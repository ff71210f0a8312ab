/**
 * Re-indexing articles after something they show changed outside them: a tag renamed or
 * given aliases, tags merged or deleted, an author renamed, a photo's caption edited.
 * Runs after that change has committed, in batches of its own transactions, so a tag on
 * thousands of articles never holds the write lock for long.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { resyncSearchDocuments } from './sync.ts';

const BATCH = 500;

/** Which articles to re-index. */
export type ResyncScope = { tagId: number } | { authorId: number } | { articleIds: readonly number[] };

/** The ids of the articles in a scope. */
export async function articlesIn(db: Kysely<Database>, scope: ResyncScope): Promise<number[]> {
  if ('articleIds' in scope) return [...new Set(scope.articleIds)];
  const rows =
    'tagId' in scope
      ? await db.selectFrom('article_tags').select('article_id').where('tag_id', '=', scope.tagId).execute()
      : await db.selectFrom('article_authors').select('article_id').where('author_id', '=', scope.authorId).execute();
  return rows.map((row) => Number(row.article_id));
}

/** Brings the search documents of every article in the scope up to date; returns how many were looked at. */
export async function resyncSearchFor(db: Kysely<Database>, scope: ResyncScope): Promise<number> {
  const ids = await articlesIn(db, scope);
  for (let start = 0; start < ids.length; start += BATCH) {
    const batch = ids.slice(start, start + BATCH);
    await db.transaction().execute((trx) => resyncSearchDocuments(trx, batch));
  }
  return ids.length;
}
