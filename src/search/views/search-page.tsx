/** The search page: the form (query, filters, order), a message or the results as cards with snippets, and paging. */
import { ARTICLE_TYPES } from '../../articles/article-types.ts';
import { format } from '../../i18n/index.ts';
import type { Messages } from '../../i18n/index.ts';
import { LANGUAGES, directionOf, isLanguageCode } from '../../i18n/languages.ts';
import type { PageChrome } from '../../site/chrome.ts';
import { sectionName } from '../../site/chrome.ts';
import { Card } from '../../site/components.tsx';
import { Layout } from '../../site/layout.tsx';
import { searchUrl } from '../../site/urls.ts';
import { MAX_QUERY_LENGTH, MAX_QUERY_TERMS } from '../query-parser.ts';
import type { SearchOutcome, SearchProblem, SearchResult } from '../results.ts';
import { ALL_LANGUAGES, searchQueryString } from '../search-form.ts';
import type { SearchForm } from '../search-form.ts';
import type { SnippetPart } from '../snippets.ts';

function problemText(problem: SearchProblem, form: SearchForm, t: Messages): string {
  const s = t.search;
  switch (problem) {
    case 'empty':
      return s.empty;
    case 'no-words':
      return s.noWords;
    case 'too-long':
      return format(s.tooLong, { max: MAX_QUERY_LENGTH });
    case 'too-many-terms':
      return format(s.tooManyTerms, { max: MAX_QUERY_TERMS });
    case 'bad-date':
      return s.badDate;
    case 'bad-date-range':
      return s.badDateRange;
    case 'bad-cursor':
      return s.badCursor;
    case 'bad-filter':
      return s.badFilter;
    case 'unknown-tag':
      return format(s.unknownTag, { value: form.tag });
    case 'unknown-author':
      return format(s.unknownAuthor, { value: form.author });
  }
}

function hasFilters(form: SearchForm, edition: string): boolean {
  return !!(form.section || form.type || form.tag || form.author || form.from || form.to || form.sort !== 'relevance' || form.language !== edition);
}

function Select(props: { name: string; label: string; value: string; options: readonly [string, string][] }) {
  const id = `search-${props.name}`;
  return (
    <p class="search-form__field">
      <label for={id}>{props.label}</label>
      <select id={id} name={props.name}>
        {props.options.map(([value, label]) => (
          <option value={value} selected={value === props.value}>
            {label}
          </option>
        ))}
      </select>
    </p>
  );
}

function Field(props: { name: string; label: string; value: string; type: 'text' | 'date'; maxlength?: number }) {
  const id = `search-${props.name}`;
  return (
    <p class="search-form__field">
      <label for={id}>{props.label}</label>
      <input id={id} type={props.type} name={props.name} value={props.value} maxlength={props.maxlength} />
    </p>
  );
}

function SearchFormView(props: { chrome: PageChrome; form: SearchForm }) {
  const { chrome, form } = props;
  const { t, language } = chrome;
  const s = t.search;
  const editions = chrome.site.languages.filter(isLanguageCode);
  return (
    <form class="search-form" role="search" method="get" action={searchUrl(language)}>
      <p class="search-form__query">
        <label for="search-q">{s.queryLabel}</label>
        <span class="search-form__box">
          <input id="search-q" type="search" name="q" value={form.q} maxlength={MAX_QUERY_LENGTH} aria-describedby="search-hint" />
          <button type="submit">{t.searchButton}</button>
        </span>
      </p>
      <p id="search-hint" class="search-form__hint">
        {s.hint}
      </p>
      <details class="search-form__filters" open={hasFilters(form, language)}>
        <summary>{s.filters}</summary>
        <div class="search-form__grid">
          <Select name="section" label={s.section} value={form.section} options={[['', s.anySection], ...chrome.sections.map((section): [string, string] => [section.slug, sectionName(section, language)])]} />
          <Select name="type" label={s.type} value={form.type} options={[['', s.anyType], ...ARTICLE_TYPES.map((type): [string, string] => [type, t.types[type]])]} />
          <Field name="tag" label={s.tag} value={form.tag} type="text" maxlength={120} />
          <Field name="author" label={s.author} value={form.author} type="text" maxlength={120} />
          <Select name="lang" label={s.language} value={form.language || ALL_LANGUAGES} options={[[ALL_LANGUAGES, s.allLanguages], ...editions.map((code): [string, string] => [code, LANGUAGES[code].nativeName])]} />
          <Field name="from" label={s.from} value={form.from} type="date" />
          <Field name="to" label={s.to} value={form.to} type="date" />
          <Select name="sort" label={s.sort} value={form.sort} options={[['relevance', s.sortRelevance], ['date', s.sortDate]]} />
        </div>
        <p class="search-form__actions">
          <button type="submit">{t.searchButton}</button>
          <a href={searchUrl(language)}>{s.clear}</a>
        </p>
      </details>
    </form>
  );
}

function Snippet(props: { parts: readonly SnippetPart[] }) {
  return <p class="search-result__snippet">{props.parts.map((part) => (part.isMatch ? <mark>{part.text}</mark> : part.text))}</p>;
}

function Results(props: { results: readonly SearchResult[]; t: Messages; isFirstPage: boolean }) {
  return (
    <ol class="search-results">
      {props.results.map((result, index) => (
        <li class="search-result" lang={result.card.language} dir={directionOf(result.card.language)}>
          <Card card={result.card} t={props.t} headingLevel={2} eager={props.isFirstPage && index < 2} />
          {result.snippet ? <Snippet parts={result.snippet} /> : null}
        </li>
      ))}
    </ol>
  );
}

/** Renders the whole page. */
export function SearchPage(props: { chrome: PageChrome; form: SearchForm; outcome: SearchOutcome }) {
  const { chrome, form, outcome } = props;
  const { t, language } = chrome;
  const s = t.search;
  const title = form.q && !outcome.problem ? format(s.resultsTitle, { query: form.q }) : s.title;
  const isFirstPage = !form.after;
  const isNotice = outcome.problem === 'empty';
  return (
    <Layout chrome={chrome} meta={{ title, description: s.hint, canonicalPath: searchUrl(language), noindex: true }}>
      <div class="search">
        <header class="search__header">
          <h1>{title}</h1>
        </header>
        <SearchFormView chrome={chrome} form={form} />
        {outcome.problem ? (
          <p class={isNotice ? 'search__message' : 'search__message search__message--problem'} role={isNotice ? undefined : 'alert'}>
            {problemText(outcome.problem, form, t)}
          </p>
        ) : outcome.results.length === 0 ? (
          <p class="search__message">{isFirstPage ? s.noResults : s.badCursor}</p>
        ) : (
          <section class="search__results" aria-label={s.resultsLabel}>
            <Results results={outcome.results} t={t} isFirstPage={isFirstPage} />
            {outcome.nextCursor || !isFirstPage ? (
              <nav class="pager" aria-label={t.pageLabel}>
                {isFirstPage ? null : (
                  <a class="pager__link" href={`${searchUrl(language)}?${searchQueryString(form, language)}`}>
                    {s.firstPage}
                  </a>
                )}
                {outcome.nextCursor ? (
                  <a class="pager__link pager__link--next" rel="next" href={`${searchUrl(language)}?${searchQueryString(form, language, outcome.nextCursor)}`}>
                    {s.more}
                  </a>
                ) : null}
              </nav>
            ) : null}
          </section>
        )}
      </div>
    </Layout>
  );
}
