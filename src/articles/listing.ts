/**
 * Keyset pagination over published articles. Every scope walks an index in
 * (published_at desc, id desc) order from the cursor, so page 5,000 costs what page 1 does.
 */
import type { Kysely } from 'kysely';
import { prepareQuery } from '../db/prepared.ts';
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

interface Params {
  [key: string]: unknown;
  scopeId: number;
  language: string;
  afterAt: string;
  afterId: number;
  excludeId: number;
  limit: number;
}

type Row = { id: number; at: string | null };

// No real article has id 0, so `excludeId: 0` excludes nothing and one compiled query serves both cases.
function articlesQuery(bySection: boolean, withCursor: boolean) {
  return prepareQuery<Params, Row>((db, p) => {
    let query = db
      .selectFrom('articles')
      .select(['id', 'published_at as at'])
      .where('status', '=', 'published')
      .where('language', '=', p.value('language'))
      .where('id', '!=', p.value('excludeId'));
    if (bySection) query = query.where('section_id', '=', p.value('scopeId'));
    if (withCursor) query = query.where((eb) => eb(eb.refTuple('published_at', 'id'), '<', eb.tuple(p.value('afterAt'), p.value('afterId'))));
    return query.orderBy('published_at', 'desc').orderBy('id', 'desc').limit(p.value('limit'));
  });
}

function tagQuery(withCursor: boolean) {
  return prepareQuery<Params, Row>((db, p) => {
    let query = db
      .selectFrom('article_tags')
      .select(['article_id as id', 'listed_at as at'])
      .where('tag_id', '=', p.value('scopeId'))
      .where('language', '=', p.value('language'))
      .where('listed_at', 'is not', null)
      .where('article_id', '!=', p.value('excludeId'));
    if (withCursor) query = query.where((eb) => eb(eb.refTuple('listed_at', 'article_id'), '<', eb.tuple(p.value('afterAt'), p.value('afterId'))));
    return query.orderBy('listed_at', 'desc').orderBy('article_id', 'desc').limit(p.value('limit'));
  });
}

function authorQuery(withCursor: boolean) {
  return prepareQuery<Params, Row>((db, p) => {
    let query = db
      .selectFrom('article_authors')
      .select(['article_id as id', 'listed_at as at'])
      .where('author_id', '=', p.value('scopeId'))
      .where('listed_at', 'is not', null)
      .where('article_id', '!=', p.value('excludeId'));
    if (withCursor) query = query.where((eb) => eb(eb.refTuple('listed_at', 'article_id'), '<', eb.tuple(p.value('afterAt'), p.value('afterId'))));
    return query.orderBy('listed_at', 'desc').orderBy('article_id', 'desc').limit(p.value('limit'));
  });
}

const QUERIES = {
  language: [articlesQuery(false, false), articlesQuery(false, true)],
  section: [articlesQuery(true, false), articlesQuery(true, true)],
  tag: [tagQuery(false), tagQuery(true)],
  author: [authorQuery(false), authorQuery(true)],
} as const;

/** Reads one page of published article ids in a scope. */
export async function listPublished(
  db: Kysely<Database>,
  scope: ListingScope,
  options: { after?: ListingCursor | null; limit: number; excludeId?: number },
): Promise<ListingPage> {
  const limit = Math.max(1, Math.min(options.limit, 100));
  const after = options.after ?? null;
  const scopeId = scope.kind === 'section' ? scope.sectionId : scope.kind === 'tag' ? scope.tagId : scope.kind === 'author' ? scope.authorId : 0;
  const query = QUERIES[scope.kind][after ? 1 : 0];
  const rows = await query.execute(db, {
    scopeId,
    language: scope.kind === 'author' ? '' : scope.language,
    afterAt: after?.at ?? '',
    afterId: after?.id ?? 0,
    excludeId: options.excludeId ?? 0,
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const hasMore = rows.length > limit;
  return {
    ids: page.map((row) => Number(row.id)),
    nextCursor: hasMore && last?.at ? encodeCursor({ at: last.at, id: Number(last.id) }) : null,
  };
}
