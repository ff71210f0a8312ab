/**
 * Keyset pagination over published articles. Every scope walks an index in
 * (published_at desc, id desc) order from the cursor, so page 5,000 costs what page 1 does.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { encodeCursor } from './cursor.ts';
import type { ListingCursor } from './cursor.ts';

/** Number of articles on one page of a listing. */
export const LISTING_PAGE_SIZE = 20;

/** Which articles a listing holds. */
export type ListingScope =
  | { kind: 'language'; language: string }
  | { kind: 'section'; sectionId: number; language: string }
  | { kind: 'tag'; tagId: number; language: string }
  | { kind: 'author'; authorId: number };

/** One page of a listing: article ids in order and the cursor of the next page. */
export interface ListingPage {
  ids: number[];
  nextCursor: string | null;
}

/** Reads one page of published article ids in a scope. */
export async function listPublished(
  db: Kysely<Database>,
  scope: ListingScope,
  options: { after?: ListingCursor | null; limit: number; excludeId?: number },
): Promise<ListingPage> {
  const limit = Math.max(1, Math.min(options.limit, 100));
  const after = options.after ?? null;
  let rows: { id: number; at: string | null }[];
  switch (scope.kind) {
    case 'language':
    case 'section': {
      let query = db
        .selectFrom('articles')
        .select(['id', 'published_at as at'])
        .where('status', '=', 'published')
        .where('language', '=', scope.language);
      if (scope.kind === 'section') query = query.where('section_id', '=', scope.sectionId);
      if (after) query = query.where((eb) => eb(eb.refTuple('published_at', 'id'), '<', eb.tuple(after.at, after.id)));
      if (options.excludeId) query = query.where('id', '!=', options.excludeId);
      rows = await query.orderBy('published_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
      break;
    }
    case 'tag': {
      let query = db
        .selectFrom('article_tags')
        .select(['article_id as id', 'listed_at as at'])
        .where('tag_id', '=', scope.tagId)
        .where('language', '=', scope.language)
        .where('listed_at', 'is not', null);
      if (after) query = query.where((eb) => eb(eb.refTuple('listed_at', 'article_id'), '<', eb.tuple(after.at, after.id)));
      if (options.excludeId) query = query.where('article_id', '!=', options.excludeId);
      rows = await query.orderBy('listed_at', 'desc').orderBy('article_id', 'desc').limit(limit + 1).execute();
      break;
    }
    case 'author': {
      let query = db
        .selectFrom('article_authors')
        .select(['article_id as id', 'listed_at as at'])
        .where('author_id', '=', scope.authorId)
        .where('listed_at', 'is not', null);
      if (after) query = query.where((eb) => eb(eb.refTuple('listed_at', 'article_id'), '<', eb.tuple(after.at, after.id)));
      rows = await query.orderBy('listed_at', 'desc').orderBy('article_id', 'desc').limit(limit + 1).execute();
      break;
    }
  }
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const hasMore = rows.length > limit;
  return {
    ids: page.map((row) => Number(row.id)),
    nextCursor: hasMore && last?.at ? encodeCursor({ at: last.at, id: Number(last.id) }) : null,
  };
}
