/** The search page of every edition: `/search`, `/ar/search`, … — a plain GET form, no script needed. */
import type { Hono } from 'hono';
import type { AppContext, AppEnv } from '../app-context.ts';
import { getInEveryEdition } from '../http/editions.ts';
import { chromeOf } from '../http/page-context.ts';
import { htmlPage } from '../http/respond.ts';
import { INPUT_PROBLEMS, searchForPage } from './results.ts';
import type { SearchOutcome } from './results.ts';
import { readSearchForm } from './search-form.ts';
import { SearchPage } from './views/search-page.tsx';

/** Registers the routes. */
export function registerSearchRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  getInEveryEdition(app, '/search', async (c) => {
    const language = c.get('language');
    const chrome = await chromeOf(c, ctx);
    const { form, isValid } = readSearchForm(c.req.query(), language, { sections: chrome.sections.map((section) => section.slug), languages: chrome.site.languages });
    const outcome: SearchOutcome = isValid ? await searchForPage(ctx.db, form, (await ctx.catalog()).sectionsById) : { results: [], nextCursor: null, problem: 'bad-filter' };
    const status = outcome.problem && INPUT_PROBLEMS.has(outcome.problem) ? 400 : 200;
    return htmlPage(c, ctx, <SearchPage chrome={chrome} form={form} outcome={outcome} />, { language, status, ...(status === 200 ? {} : { cacheable: false }) });
  });
}
