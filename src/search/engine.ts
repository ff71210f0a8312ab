/**
 * The contract each database's full-text engine fulfils (sqlite-engine.ts, postgres-engine.ts):
 * the one place search differs between SQLite and PostgreSQL.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * Which fields all of a query's terms must lie in: the headline alone; the fields that say
 * what an article is about (headline, standfirst, authors, tags); or everything (also the
 * body and captions).
 */
export type SearchScope = 'headline' | 'about' | 'everything';

/** A reader's query in the engine's own syntax, every word quoted by the engine. */
export interface CompiledQuery {
  /** Every item must match. */
  all: string;
  /** Any item matches: for marking words in snippets. */
  any: string;
}

/** One page's worth of matches in one scope, newest first. */
export interface FindRequest {
  scope: SearchScope;
  /** Leave out what already matches in this narrower scope (an earlier relevance tier). */
  excluding: SearchScope | null;
  /** Filter tokens: every group must match, any token within a group. */
  facets: readonly (readonly string[])[];
  /** Sort keys at or above this … */
  fromKey: number;
  /** … and strictly below this. */
  beforeKey: number;
  limit: number;
}

/** A matching document. */
export interface FoundDocument {
  articleId: number;
  sortKey: number;
}

/** Body and captions of a document with each matched word between \u0001 and \u0002. */
export interface MarkedTexts {
  body: string;
  captions: string;
}

/** Marker put before a matched word. */
export const MARK_START = '\u0001';
/** Marker put after a matched word. */
export const MARK_END = '\u0002';

/** A database's full-text engine. */
export interface SearchEngine {
  /** Turns parsed items into the engine's query syntax; null when no item can match anything. */
  compile(db: Kysely<Database>, items: readonly string[]): Promise<CompiledQuery | null>;
  /** Matching documents in one scope, by sort key descending. */
  find(db: Kysely<Database>, query: CompiledQuery, request: FindRequest): Promise<FoundDocument[]>;
  /** The indexed body and captions of found documents, matched words marked. */
  mark(db: Kysely<Database>, query: CompiledQuery, found: readonly FoundDocument[]): Promise<Map<number, MarkedTexts>>;
}
