/**
 * What the search page shows for a form: resolves the tag and author filters, runs the
 * search and loads the results as the site's cards. No HTTP here; the route maps `problem`
 * to a status and the view to a message.
 */
import type { Kysely } from 'kysely';
import { loadCards } from '../articles/cards.ts';
import type { ArticleCard } from '../articles/cards.ts';
import type { Database } from '../db/schema.ts';
import type { SectionNavItem } from '../site/chrome.ts';
import { resolveAuthorFilter, resolveTagFilter } from './filters.ts';
import { SearchInputError, searchArticles } from './search.ts';
import type { SnippetPart } from './search.ts';
import type { SearchForm } from './search-form.ts';

/** One result as the page draws it. */
export interface SearchResult {
  card: ArticleCard;
  snippet: SnippetPart[] | null;
}

/** Why a search shows a message instead of (or besides) results. */
export type SearchProblem =
  | 'empty'
  | 'no-words'
  | 'too-long'
  | 'too-many-terms'
  | 'bad-date'
  | 'bad-date-range'
  | 'bad-cursor'
  | 'bad-filter'
  | 'unknown-tag'
  | 'unknown-author';

/** Problems the reader must fix before the search can run: answered with 400. */
export const INPUT_PROBLEMS: ReadonlySet<SearchProblem> = new Set(['too-long', 'too-many-terms', 'bad-date', 'bad-date-range', 'bad-cursor', 'bad-filter']);

/** The page's results, or the problem that stopped them. */
export interface SearchOutcome {
  results: readonly SearchResult[];
  nextCursor: string | null;
  problem: SearchProblem | null;
}

const NOTHING = { results: [], nextCursor: null } as const;

/** Runs the form's search. */
export async function searchForPage(db: Kysely<Database>, form: SearchForm, sections: ReadonlyMap<number, SectionNavItem>): Promise<SearchOutcome> {
  if (form.q === '') return { ...NOTHING, problem: 'empty' };
  const tagIds = form.tag ? await resolveTagFilter(db, form.tag) : null;
  const authorIds = form.author ? await resolveAuthorFilter(db, form.author) : null;
  const sectionId = form.section ? ([...sections.values()].find((section) => section.slug === form.section)?.id ?? null) : null;
  try {
    const page = await searchArticles(db, {
      text: form.q,
      sort: form.sort,
      after: form.after,
      filters: { language: form.language || null, sectionId, type: form.type || null, tagIds, authorIds, from: form.from || null, to: form.to || null },
    });
    if (page.unsearchable) return { ...NOTHING, problem: page.unsearchable };
    // Checked after the search so a bad date or cursor is still reported as such.
    if (tagIds?.length === 0) return { ...NOTHING, problem: 'unknown-tag' };
    if (authorIds?.length === 0) return { ...NOTHING, problem: 'unknown-author' };
    const cards = await loadCards(db, page.hits.map((hit) => hit.articleId), sections);
    const snippets = new Map(page.hits.map((hit) => [hit.articleId, hit.snippet]));
    return { results: cards.map((card) => ({ card, snippet: snippets.get(card.id) ?? null })), nextCursor: page.nextCursor, problem: null };
  } catch (error) {
    if (error instanceof SearchInputError) return { ...NOTHING, problem: error.problem };
    throw error;
  }
}
