/**
 * Full-text search on SQLite: FTS5 over `search_documents`, rowid = sort key. A query is a
 * MATCH expression built here from the parsed items, each one a quoted FTS5 string (inside
 * which nothing is syntax), restricted to the scope's columns with a column filter. Every
 * page is `ORDER BY rowid DESC LIMIT n` with the cursor and date range as rowid bounds, which
 * FTS5 answers by walking doclists newest first and stopping at n — so a page costs about the
 * same whether a word matches a hundred articles or a hundred thousand.
 */
import { sql } from 'kysely';
import { MARK_END, MARK_START } from './engine.ts';
import type { CompiledQuery, FindRequest, FoundDocument, MarkedTexts, SearchEngine, SearchScope } from './engine.ts';

const COLUMNS: Record<SearchScope, string> = {
  headline: '{headline}',
  about: '{headline standfirst people tags}',
  everything: '{headline standfirst body captions people tags}',
};

// Parsed items hold only letters, digits, marks, spaces and in-word connectors; doubling
// quotes keeps even a stray one inside the string, where FTS5 reads nothing as syntax.
function quoted(item: string): string {
  return `"${item.replaceAll('"', '""')}"`;
}

function matchExpression(query: CompiledQuery, request: FindRequest): string {
  let expression = `${COLUMNS[request.scope]} : (${query.all})`;
  if (request.excluding) expression = `(${expression}) NOT (${COLUMNS[request.excluding]} : (${query.all}))`;
  if (request.facets.length === 0) return expression;
  const facets = request.facets.map((group) => `(${group.map(quoted).join(' OR ')})`).join(' AND ');
  return `(${expression}) AND ({facets} : (${facets}))`;
}

/** The SQLite engine. */
export const sqliteEngine: SearchEngine = {
  compile(_db, items) {
    if (items.length === 0) return Promise.resolve(null);
    return Promise.resolve({ all: items.map(quoted).join(' AND '), any: items.map(quoted).join(' OR ') });
  },

  async find(db, query, request) {
    // better-sqlite3 binds JavaScript numbers as REAL, and FTS5 applies rowid constraints only
    // to INTEGER values (a REAL one is silently dropped from the index walk): keys go as BigInt.
    const result = await sql<FoundDocument>`
      SELECT search_documents.article_id AS "articleId", search_fts.rowid AS "sortKey"
      FROM search_fts JOIN search_documents ON search_documents.sort_key = search_fts.rowid
      WHERE search_fts MATCH ${matchExpression(query, request)}
        AND search_fts.rowid < ${BigInt(request.beforeKey)} AND search_fts.rowid >= ${BigInt(request.fromKey)}
      ORDER BY search_fts.rowid DESC
      LIMIT ${request.limit}`.execute(db);
    return result.rows;
  },

  async mark(db, query, found) {
    const marked = new Map<number, MarkedTexts>();
    const expression = `{body captions} : (${query.any})`;
    for (const document of found) {
      const result = await sql<MarkedTexts>`
        SELECT highlight(search_fts, 2, ${MARK_START}, ${MARK_END}) AS body, highlight(search_fts, 3, ${MARK_START}, ${MARK_END}) AS captions
        FROM search_fts WHERE search_fts MATCH ${expression} AND rowid = ${BigInt(document.sortKey)}`.execute(db);
      const row = result.rows[0];
      if (row) marked.set(document.articleId, row);
    }
    return marked;
  },
};
