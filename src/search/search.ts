/**
 * The one search interface, the same on SQLite and PostgreSQL.
 *
 * Relevance is tiered, then newest first: tier 1 holds articles with every term in the
 * headline; tier 2 every term in what the article is about (headline, standfirst, authors,
 * tags) but not all in the headline; tier 3 the rest (terms also found in the body or
 * captions). Within a tier, newer articles come first. A page therefore needs at most three
 * index walks that each stop at the page size, the order is total and stable, and the keyset
 * cursor is simply (tier, sort key). A bm25 ordering scores every match on every page:
 * measured at 1,000,000 articles, a bm25 page of "amman" (205,000 matches) took ~435 ms
 * in FTS5, the tiered page under 2 ms. The price: within a tier, term frequency and
 * proximity do not count — for news, recency is the better tie-breaker anyway.
 * Proving a tier empty walks the term's whole doclist, so a near-universal word that never
 * appears in headlines (most articles, body only) still costs tens of milliseconds.
 * By date, results are one walk by sort key (publication time).
 */
import type { Kysely } from 'kysely';
import { dialectOf } from '../db/dialect.ts';
import type { Database } from '../db/schema.ts';
import { decodeSearchCursor, encodeSearchCursor } from './cursor.ts';
import type { SearchCursor } from './cursor.ts';
import { facetToken, loadSnippetSources } from './document.ts';
import type { CompiledQuery, FindRequest, FoundDocument, SearchEngine, SearchScope } from './engine.ts';
import { postgresEngine } from './postgres-engine.ts';
import { parseSearchQuery } from './query-parser.ts';
import { cutSnippet } from './snippets.ts';
import type { SnippetPart } from './snippets.ts';
import { SORT_KEY_RANGE, firstSortKeyAt } from './sort-key.ts';
import { sqliteEngine } from './sqlite-engine.ts';

export type { SnippetPart } from './snippets.ts';
export { MAX_QUERY_LENGTH } from './query-parser.ts';

/** How results are ordered. */
export type SearchSort = 'relevance' | 'date';

/** Filters; every one given must hold. */
export interface SearchFilters {
  /** Only articles in this language (an edition); null or absent: every language. */
  language?: string | null;
  /** Only articles of this section. */
  sectionId?: number | null;
  /** A type-of-work label (news, opinion…). */
  type?: string | null;
  /** Articles carrying any of these tags (a name can belong to several tags); an empty list matches nothing. */
  tagIds?: readonly number[] | null;
  /** Articles by any of these authors; an empty list matches nothing. */
  authorIds?: readonly number[] | null;
  /** First day, `YYYY-MM-DD` (UTC), inclusive. */
  from?: string | null;
  /** Last day, `YYYY-MM-DD` (UTC), inclusive. */
  to?: string | null;
}

/** A search to run. */
export interface SearchRequest {
  /** What the reader typed: words and "quoted phrases"; anything else is treated as text. */
  text: string;
  /** Relevance (default) or date, newest first. */
  sort?: SearchSort;
  filters?: SearchFilters;
  /** The `nextCursor` of the previous page. */
  after?: string | null;
  /** Results per page: 20 by default, at most 50. */
  limit?: number;
  /** Cut highlighted snippets (default true); benchmarks of the index alone may turn them off. */
  withSnippets?: boolean;
}

/** One result: an article id (render it with loadCards) and its snippet. */
export interface SearchHit {
  articleId: number;
  /** Body or caption text around the matched words; null when they matched elsewhere. */
  snippet: SnippetPart[] | null;
}

/** One page of results. */
export interface SearchPage {
  hits: SearchHit[];
  nextCursor: string | null;
  /** Why nothing was searched: no text at all, or only punctuation and very common words. */
  unsearchable: 'empty' | 'no-words' | null;
}

/** A search the reader must change before it can run; `problem` names what to say. */
export class SearchInputError extends Error {
  constructor(readonly problem: 'too-long' | 'too-many-terms' | 'bad-cursor' | 'bad-date' | 'bad-date-range') {
    super(`search input: ${problem}`);
    this.name = 'SearchInputError';
  }
}

/** Results per page unless asked otherwise. */
export const SEARCH_PAGE_SIZE = 20;

/** Relevance tiers, best first: the scope all terms lie in, and the narrower tier left out. */
const TIERS: readonly { scope: SearchScope; excluding: SearchScope | null }[] = [
  { scope: 'headline', excluding: null },
  { scope: 'about', excluding: 'headline' },
  { scope: 'everything', excluding: 'about' },
];

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function dayStart(day: string): number {
  const ms = Date.parse(`${day}T00:00:00.000Z`);
  if (!DAY.test(day) || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day) throw new SearchInputError('bad-date');
  return ms;
}

function keyBounds(filters: SearchFilters): { fromKey: number; toKey: number } {
  const from = filters.from ? dayStart(filters.from) : null;
  const to = filters.to ? dayStart(filters.to) + 86_400_000 : null;
  if (from !== null && to !== null && from >= to) throw new SearchInputError('bad-date-range');
  return {
    fromKey: from === null ? SORT_KEY_RANGE.min : firstSortKeyAt(new Date(from).toISOString()),
    toKey: to === null ? SORT_KEY_RANGE.max : firstSortKeyAt(new Date(to).toISOString()),
  };
}

function facetsOf(filters: SearchFilters): string[][] {
  const groups: string[][] = [];
  if (filters.language) groups.push([facetToken.language(filters.language)]);
  if (filters.sectionId) groups.push([facetToken.section(filters.sectionId)]);
  if (filters.type) groups.push([facetToken.type(filters.type)]);
  if (filters.tagIds && filters.tagIds.length > 0) groups.push(filters.tagIds.map(facetToken.tag));
  if (filters.authorIds && filters.authorIds.length > 0) groups.push(filters.authorIds.map(facetToken.author));
  return groups;
}

function engineFor(db: Kysely<Database>): SearchEngine {
  return dialectOf(db) === 'postgres' ? postgresEngine : sqliteEngine;
}

interface Found extends FoundDocument {
  tier: number;
}

async function findPage(db: Kysely<Database>, engine: SearchEngine, query: CompiledQuery, sort: SearchSort, after: SearchCursor | null, base: Omit<FindRequest, 'scope' | 'excluding' | 'limit'>, limit: number): Promise<Found[]> {
  if (sort === 'date') {
    const beforeKey = after ? Math.min(after.key, base.beforeKey) : base.beforeKey;
    const rows = await engine.find(db, query, { ...base, beforeKey, scope: 'everything', excluding: null, limit: limit + 1 });
    return rows.map((row) => ({ ...row, tier: 0 }));
  }
  const found: Found[] = [];
  const firstTier = after?.sort === 'relevance' ? after.tier : 1;
  for (let tier = firstTier; tier <= TIERS.length && found.length <= limit; tier += 1) {
    const { scope, excluding } = TIERS[tier - 1] ?? { scope: 'everything', excluding: null };
    const beforeKey = after && tier === firstTier ? Math.min(after.key, base.beforeKey) : base.beforeKey;
    const rows = await engine.find(db, query, { ...base, beforeKey, scope, excluding, limit: limit + 1 - found.length });
    found.push(...rows.map((row) => ({ ...row, tier })));
  }
  return found;
}

/**
 * Runs a search: published articles only, a page at a time.
 * Throws SearchInputError for input the reader must change (over-long query, bad cursor or date).
 */
export async function searchArticles(db: Kysely<Database>, request: SearchRequest): Promise<SearchPage> {
  const sort = request.sort ?? 'relevance';
  const limit = Math.max(1, Math.min(request.limit ?? SEARCH_PAGE_SIZE, 50));
  const filters = request.filters ?? {};
  const after = request.after ? decodeSearchCursor(request.after) : null;
  if (request.after && (!after || after.sort !== sort || (after.sort === 'relevance' && after.tier > TIERS.length))) throw new SearchInputError('bad-cursor');
  const parsed = parseSearchQuery(request.text);
  if (!parsed.ok) {
    if (parsed.problem === 'too-long' || parsed.problem === 'too-many-terms') throw new SearchInputError(parsed.problem);
    return { hits: [], nextCursor: null, unsearchable: parsed.problem };
  }
  const { fromKey, toKey } = keyBounds(filters);
  if (filters.tagIds?.length === 0 || filters.authorIds?.length === 0) return { hits: [], nextCursor: null, unsearchable: null };
  const engine = engineFor(db);
  const query = await engine.compile(db, parsed.query.items);
  if (!query) return { hits: [], nextCursor: null, unsearchable: 'no-words' };

  const found = await findPage(db, engine, query, sort, after, { facets: facetsOf(filters), fromKey, beforeKey: toKey }, limit);
  const page = found.slice(0, limit);
  const last = page.at(-1);
  const nextCursor = found.length > limit && last ? encodeSearchCursor(sort === 'date' ? { sort, key: last.sortKey } : { sort, tier: last.tier, key: last.sortKey }) : null;
  const snippets = request.withSnippets === false ? new Map<number, SnippetPart[]>() : await snippetsFor(db, engine, query, page);
  return {
    hits: page.map((document) => ({ articleId: document.articleId, snippet: snippets.get(document.articleId) ?? null })),
    nextCursor,
    unsearchable: null,
  };
}

async function snippetsFor(db: Kysely<Database>, engine: SearchEngine, query: CompiledQuery, found: readonly FoundDocument[]): Promise<Map<number, SnippetPart[]>> {
  const snippets = new Map<number, SnippetPart[]>();
  if (found.length === 0) return snippets;
  const marked = await engine.mark(db, query, found);
  const withMarks = found.filter((document) => marked.has(document.articleId));
  const sources = await loadSnippetSources(db, withMarks.map((document) => document.articleId));
  for (const document of withMarks) {
    const marks = marked.get(document.articleId);
    const source = sources.get(document.articleId);
    if (!marks || !source) continue;
    const snippet = cutSnippet(source.body, marks.body) ?? cutSnippet(source.captions, marks.captions);
    if (snippet) snippets.set(document.articleId, snippet);
  }
  return snippets;
}
