/**
 * The articles of a tag's hub page and feed. A country's hub also gathers the articles
 * of the places inside it: those are read from `article_hubs` (kept by src/hubs/sync.ts),
 * one keyset walk down `article_hubs_listing`, so page 5,000 of a 200,000-article country
 * costs what page 1 does. Every other kind lists its own tag's articles.
 */
import type { Kysely } from 'kysely';
import type { ListingCursor } from '../articles/cursor.ts';
import { encodeCursor } from '../articles/cursor.ts';
import { listPublished } from '../articles/listing.ts';
import type { ListingPage } from '../articles/listing.ts';
import { prepareQuery } from '../db/prepared.ts';
import type { Database } from '../db/schema.ts';

interface Params {
  [key: string]: unknown;
  hubId: number;
  language: string;
  afterAt: string;
  afterId: number;
  limit: number;
}

const kindQuery = prepareQuery<{ tagId: number }, { kind: string }>((db, p) => db.selectFrom('tags').select('kind').where('id', '=', p.value('tagId')));

function hubQuery(withCursor: boolean) {
  return prepareQuery<Params, { id: number; at: string }>((db, p) => {
    let query = db
      .selectFrom('article_hubs')
      .select(['article_id as id', 'listed_at as at'])
      .where('hub_tag_id', '=', p.value('hubId'))
      .where('language', '=', p.value('language'));
    if (withCursor) query = query.where((eb) => eb(eb.refTuple('listed_at', 'article_id'), '<', eb.tuple(p.value('afterAt'), p.value('afterId'))));
    return query.orderBy('listed_at', 'desc').orderBy('article_id', 'desc').limit(p.value('limit'));
  });
}

const HUB_QUERIES = [hubQuery(false), hubQuery(true)] as const;

/** One keyset page of a hub's articles, newest first. */
export async function listHubArticles(db: Kysely<Database>, hub: { tagId: number; language: string }, options: { limit: number; after?: ListingCursor | null }): Promise<ListingPage> {
  const after = options.after ?? null;
  const tag = await kindQuery.executeTakeFirst(db, { tagId: hub.tagId });
  if (tag?.kind !== 'country') return listPublished(db, { kind: 'tag', tagId: hub.tagId, language: hub.language }, { limit: options.limit, after });
  const limit = Math.max(1, Math.min(options.limit, 100));
  const rows = await HUB_QUERIES[after ? 1 : 0].execute(db, { hubId: hub.tagId, language: hub.language, afterAt: after?.at ?? '', afterId: after?.id ?? 0, limit: limit + 1 });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    ids: page.map((row) => Number(row.id)),
    nextCursor: rows.length > limit && last ? encodeCursor({ at: last.at, id: Number(last.id) }) : null,
  };
}
