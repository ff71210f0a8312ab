/** robots.txt, the sitemap index, month sitemaps, the other pages' sitemaps and the Google News sitemap. */
import type { Context, Hono } from 'hono';
import type { AppContext, AppEnv } from '../app-context.ts';
import { errorPage } from '../http/errors.tsx';
import { sendDocument } from '../http/respond.ts';
import { LANGUAGES, isLanguageCode } from '../i18n/languages.ts';
import { isoNow } from '../shared/time.ts';
import { localizeSettings } from '../site/settings.ts';
import { absoluteUrl, searchUrl } from '../site/urls.ts';
import { monthPartDocument, newsDocument } from './article-documents.ts';
import { familyPartDocument } from './fixed-pages.ts';
import { sitemapLimits } from './limits.ts';
import { loadMonthPart, loadNewsArticles } from './queries.ts';
import { NEWS_SITEMAP_PATH, parseSitemapFile, sitemapIndexEntries } from './sitemap-files.ts';
import { XML_CONTENT_TYPE, sitemapIndexDocument } from './xml.ts';

/** robots.txt: the whole site is open except the newsroom and search results; the sitemap index is named absolutely. */
export function robotsText(publicUrl: string): string {
  const searches = Object.keys(LANGUAGES).map((language) => `Disallow: ${searchUrl(language)}?\n`);
  return ['User-agent: *\n', 'Allow: /\n', 'Disallow: /admin$\n', 'Disallow: /admin/\n', ...searches, '\n', `Sitemap: ${absoluteUrl(publicUrl, '/sitemap.xml')}\n`].join('');
}

/** Registers the routes. */
export function registerSitemapRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  const { publicUrl } = ctx.config;
  const xml = (c: Context<AppEnv>, document: string, options: { cacheable?: boolean } = {}) => {
    const bytes = Buffer.byteLength(document);
    if (bytes > sitemapLimits().maxBytes) ctx.logger.error('sitemap over the size limit', { path: c.req.path, bytes });
    return sendDocument(c, ctx, document, { contentType: XML_CONTENT_TYPE, ...options });
  };
  const editions = async (): Promise<string[]> => (await ctx.catalog()).site.languages.filter(isLanguageCode);

  app.get('/robots.txt', (c) => sendDocument(c, ctx, robotsText(publicUrl), { contentType: 'text/plain; charset=utf-8' }));

  app.get('/sitemap.xml', async (c) => xml(c, sitemapIndexDocument(await sitemapIndexEntries(ctx.db, await editions(), publicUrl))));

  app.get(NEWS_SITEMAP_PATH, async (c) => {
    const catalog = await ctx.catalog();
    const articles = await loadNewsArticles(ctx.db, isoNow());
    const document = newsDocument({ publicUrl, sectionsById: catalog.sectionsById }, articles, (language) => localizeSettings(catalog.site, language).name);
    // Articles age out of the last 48 hours without any content change, so this one is never kept.
    return xml(c, document, { cacheable: false });
  });

  app.get('/sitemaps/:file', async (c) => {
    const file = parseSitemapFile(c.req.param('file'));
    if (file?.kind === 'month') {
      const part = await loadMonthPart(ctx.db, file.month, file.part);
      if (!part) return errorPage(c, ctx, 404);
      return xml(c, monthPartDocument({ publicUrl, sectionsById: (await ctx.catalog()).sectionsById }, part.entries, part.translations));
    }
    if (file?.kind === 'family') {
      const document = await familyPartDocument(ctx.db, file.family, file.part, await editions(), publicUrl);
      if (document !== null) return xml(c, document);
    }
    return errorPage(c, ctx, 404);
  });
}
