/**
 * Full-text search on PostgreSQL: generated `tsvector` columns with GIN indexes, one per
 * scope. English documents are indexed with the `english` configuration (stemmed), others
 * with `simple`, so each item becomes (english form | simple form): "running" finds the
 * English "run" and the French "running" alike. The forms are made by phraseto_tsquery from
 * the item as a bound parameter — it reads plain text, never query syntax — and the query
 * is assembled from PostgreSQL's own canonical output.
 */
import { sql } from 'kysely';
import { MARK_END, MARK_START } from './engine.ts';
import type { FindRequest, FoundDocument, MarkedTexts, SearchEngine, SearchScope } from './engine.ts';

const VECTORS: Record<SearchScope, string> = {
  headline: 'search_headline',
  about: 'search_about',
  everything: 'search_all',
};

const CONFIG = sql.raw(`(CASE WHEN language = 'en' THEN 'english'::regconfig ELSE 'simple'::regconfig END)`);
const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, HighlightAll=true`;

/** Up to this many matches are sorted after a GIN lookup; more, and the sort-key index is walked instead. */
const SMALL_MATCH_SET = 2000;

function toFound(row: FoundDocument): FoundDocument {
  return { articleId: Number(row.articleId), sortKey: Number(row.sortKey) };
}

// Facet tokens are [a-z0-9] (src/search/document.ts); the § prefix keeps them apart from words.
function facetQuery(facets: FindRequest['facets']): string {
  return facets.map((group) => `(${group.map((token) => `'§${token.replace(/[^a-z0-9]/g, '')}'`).join(' | ')})`).join(' & ');
}

/** The PostgreSQL engine. */
export const postgresEngine: SearchEngine = {
  async compile(db, items) {
    if (items.length === 0) return null;
    const result = await sql<{ english: string; simple: string }>`
      SELECT phraseto_tsquery('english', item)::text AS english, phraseto_tsquery('simple', item)::text AS simple
      FROM unnest(${[...items]}::text[]) WITH ORDINALITY AS u(item, n) ORDER BY n`.execute(db);
    // An item the English configuration drops entirely is a stop word there: English
    // documents never hold it, so requiring it would hide them. Leave it out.
    const parts = result.rows
      .filter((row) => row.english !== '' && row.simple !== '')
      .map((row) => (row.english === row.simple ? `(${row.english})` : `((${row.english}) | (${row.simple}))`));
    if (parts.length === 0) return null;
    return { all: parts.join(' & '), any: parts.join(' | ') };
  },

  async find(db, query, request) {
    const vector = sql.raw(VECTORS[request.scope]);
    const match = request.facets.length === 0 ? query.all : `(${query.all}) & ${facetQuery(request.facets)}`;
    const excluding = request.excluding ? sql`AND NOT (${sql.raw(VECTORS[request.excluding])} @@ ${query.all}::tsquery)` : sql``;
    const conditions = sql`${vector} @@ ${match}::tsquery ${excluding} AND sort_key < ${request.beforeKey} AND sort_key >= ${request.fromKey}`;
    // GIN cannot return matches in sort-key order, and the planner's guess at how many rows
    // a query matches is often off by a factor of a hundred (a rare word is taken for a 1%
    // one, a phrase of common words for a rare one), choosing between two plans that are
    // each terrible in the other case. So measure instead of guessing: fetch up to
    // SMALL_MATCH_SET matches through the GIN index alone; if that is all of them, sort
    // them here. Otherwise the words are common, and walking the sort-key index backwards
    // finds a page's worth within a few thousand rows.
    return db.transaction().execute(async (trx) => {
      await sql`SELECT set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true)`.execute(trx);
      const few = await sql<FoundDocument>`
        SELECT article_id AS "articleId", sort_key AS "sortKey" FROM search_documents
        WHERE ${conditions} LIMIT ${SMALL_MATCH_SET + 1}`.execute(trx);
      if (few.rows.length <= SMALL_MATCH_SET) {
        return few.rows.map(toFound).sort((a, b) => b.sortKey - a.sortKey).slice(0, request.limit);
      }
      await sql`SELECT set_config('enable_indexscan', 'on', true), set_config('enable_bitmapscan', 'off', true)`.execute(trx);
      const page = await sql<FoundDocument>`
        SELECT article_id AS "articleId", sort_key AS "sortKey" FROM search_documents
        WHERE ${conditions} ORDER BY sort_key DESC LIMIT ${request.limit}`.execute(trx);
      return page.rows.map(toFound);
    });
  },

  async mark(db, query, found) {
    const marked = new Map<number, MarkedTexts>();
    if (found.length === 0) return marked;
    const result = await sql<MarkedTexts & { articleId: number }>`
      SELECT article_id AS "articleId",
        ts_headline(${CONFIG}, body, ${query.any}::tsquery, ${HEADLINE_OPTIONS}) AS body,
        ts_headline(${CONFIG}, captions, ${query.any}::tsquery, ${HEADLINE_OPTIONS}) AS captions
      FROM search_documents WHERE article_id = ANY(${found.map((document) => document.articleId)}::int[])`.execute(db);
    for (const row of result.rows) marked.set(Number(row.articleId), { body: row.body, captions: row.captions });
    return marked;
  },
};
