/**
 * Reads what a reader typed into terms and "quoted phrases". Nothing the reader types is
 * ever query syntax: the result holds only words (letters, digits, marks) joined by the
 * connectors that occur inside words (e-mail, don't, 3.5), and the database engines quote
 * each item themselves. Operators (AND, OR, NOT, NEAR, *, ^, -, parentheses) and SQL
 * fragments are therefore just words or punctuation, searched for or ignored.
 */
import { normalizeForSearch } from './normalize.ts';

/** Longest query accepted, in characters; longer ones get a clear message. */
export const MAX_QUERY_LENGTH = 200;

/** Most terms and phrases in one query; each one is another index lookup. */
export const MAX_QUERY_TERMS = 24;

/** A parsed query: every item must match. A bare word is a one-word item. */
export interface ParsedQuery {
  /** Items as given to the database tokenizers: words joined by spaces or in-word connectors. */
  items: string[];
}

/** Why a query cannot be run as typed. */
export type QueryProblem = 'empty' | 'too-long' | 'too-many-terms' | 'no-words';

/** Outcome of parsing. */
export type QueryParseResult = { ok: true; query: ParsedQuery } | { ok: false; problem: QueryProblem };

// PostgreSQL's `english` configuration drops these words (its Snowball stop list). SQLite's
// porter tokenizer keeps them, so leaving them out of every query makes both databases find
// the same articles, and spares SQLite a walk over a word that is in every article.
const STOP_WORDS = new Set(
  (
    'i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers herself it its itself ' +
    'they them their theirs themselves what which who whom this that these those am is are was were be been being have has had having ' +
    'do does did doing a an the and but if or because as until while of at by for with about against between into through during ' +
    'before after above below to from up down in out on off over under again further then once here there when where why how all any ' +
    'both each few more most other some such no nor not only own same so than too very s t can will just don should now'
  ).split(' '),
);

/** Whether a word is too common to search for (PostgreSQL's English stop words). */
export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

// A word, possibly with in-word connectors: e-mail, don't, l’eau, 3.5, U.S
const ITEM = /[\p{L}\p{N}\p{M}]+(?:[-'’.][\p{L}\p{N}\p{M}]+)*/gu;
const WORD = /[\p{L}\p{N}\p{M}]+/gu;

function itemsOf(text: string): string[] {
  return text.match(ITEM) ?? [];
}

function isOnlyStopWords(item: string): boolean {
  const words = item.match(WORD) ?? [];
  return words.every((word) => STOP_WORDS.has(word));
}

/** Parses a reader's query. Quotes pair up; an unclosed quote runs to the end of the query. */
export function parseSearchQuery(raw: string): QueryParseResult {
  const trimmed = raw.trim();
  if (trimmed === '') return { ok: false, problem: 'empty' };
  if ([...trimmed].length > MAX_QUERY_LENGTH) return { ok: false, problem: 'too-long' };
  const text = normalizeForSearch(trimmed).toLowerCase();
  const items: string[] = [];
  const add = (item: string) => {
    if (item !== '' && !items.includes(item) && !isOnlyStopWords(item)) items.push(item);
  };
  // Even-numbered segments lie outside quotes, odd-numbered ones inside.
  text.split('"').forEach((segment, index) => {
    if (index % 2 === 1) add(itemsOf(segment).join(' '));
    else for (const item of itemsOf(segment)) add(item);
  });
  if (items.length === 0) return { ok: false, problem: 'no-words' };
  if (items.length > MAX_QUERY_TERMS) return { ok: false, problem: 'too-many-terms' };
  return { ok: true, query: { items } };
}
