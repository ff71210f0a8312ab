/**
 * The search page's query string, read strictly: every parameter is optional, but one that
 * is present must name something this site has (a section, a type, an edition), or the page
 * answers 400 with the form and a message saying which filter to fix.
 */
import { z } from 'zod';
import { isArticleType } from '../articles/article-types.ts';
import type { SearchSort } from './search.ts';

/** What the reader asked for, as the form shows it again. */
export interface SearchForm {
  q: string;
  sort: SearchSort;
  /** Section slug; '' for every section. */
  section: string;
  /** Type-of-work label; '' for every type. */
  type: string;
  /** A tag's name, alias or slug, as typed. */
  tag: string;
  /** An author's name or slug, as typed. */
  author: string;
  /** Language code; '' for every language. */
  language: string;
  /** `YYYY-MM-DD` or ''. */
  from: string;
  to: string;
  after: string | null;
}

/** The value of the language select that means every language. */
export const ALL_LANGUAGES = 'all';

// Generous bounds: the real limits (query length, known values) are checked with a clear
// message; these only keep absurd values out of the work that follows.
const text = (max: number) => z.string().max(max).optional();
const paramsSchema = z.object({
  q: z.string().optional(),
  sort: text(20),
  section: text(200),
  type: text(40),
  tag: text(300),
  author: text(300),
  lang: text(10),
  from: text(40),
  to: text(40),
  after: text(200),
});

/** Reads the form; `isValid` is false when a filter names nothing this site knows. */
export function readSearchForm(
  query: Record<string, string>,
  edition: string,
  known: { sections: readonly string[]; languages: readonly string[] },
): { form: SearchForm; isValid: boolean } {
  const parsed = paramsSchema.safeParse(query);
  const params = parsed.success ? parsed.data : {};
  const language = params.lang === undefined ? edition : params.lang === ALL_LANGUAGES ? '' : params.lang;
  const form: SearchForm = {
    q: (params.q ?? '').trim(),
    sort: params.sort === 'date' ? 'date' : 'relevance',
    section: params.section ?? '',
    type: params.type ?? '',
    tag: (params.tag ?? '').trim(),
    author: (params.author ?? '').trim(),
    language,
    from: (params.from ?? '').trim(),
    to: (params.to ?? '').trim(),
    after: params.after ?? null,
  };
  const isValid =
    parsed.success &&
    (params.sort === undefined || params.sort === 'date' || params.sort === 'relevance') &&
    (form.section === '' || known.sections.includes(form.section)) &&
    (form.type === '' || isArticleType(form.type)) &&
    (form.language === '' || known.languages.includes(form.language));
  return { form, isValid };
}

/** The query string of a form (defaults left out), optionally for the page after a cursor. */
export function searchQueryString(form: SearchForm, edition: string, after?: string): string {
  const params = new URLSearchParams();
  params.set('q', form.q);
  if (form.sort !== 'relevance') params.set('sort', form.sort);
  if (form.section) params.set('section', form.section);
  if (form.type) params.set('type', form.type);
  if (form.tag) params.set('tag', form.tag);
  if (form.author) params.set('author', form.author);
  if (form.language !== edition) params.set('lang', form.language || ALL_LANGUAGES);
  if (form.from) params.set('from', form.from);
  if (form.to) params.set('to', form.to);
  if (after) params.set('after', after);
  return params.toString();
}
