/** The article page route. */
import type { Hono } from 'hono';
import type { AppContext, AppEnv } from '../app-context.ts';
import { errorPage } from '../http/errors.tsx';
import { getInEveryEdition, isSlug } from '../http/editions.ts';
import { chromeOf } from '../http/page-context.ts';
import { htmlPage } from '../http/respond.ts';
import { RESERVED_SEGMENTS } from '../site/urls.ts';
import { loadArticlePage } from './article-page-data.ts';
import { articlePageMeta } from './article-meta.ts';
import { ccPackageOf } from '../syndication/package.ts';
import { ArticlePage } from './views/article-page.tsx';

/** Registers `/:section/:slug` in every edition. */
export function registerArticleRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  getInEveryEdition(app, '/:section/:slug', async (c) => {
    const sectionSlug = c.req.param('section');
    const slug = c.req.param('slug');
    if (!isSlug(sectionSlug) || !isSlug(slug) || RESERVED_SEGMENTS.has(sectionSlug)) return undefined;
    const language = c.get('language');
    const catalog = await ctx.catalog();
    const article = await ctx.articleData.get(`${language}|${slug}`, c.get('generation'), () => loadArticlePage(ctx.db, catalog, language, slug));
    if (!article) return errorPage(c, ctx, 404);
    // The section is part of the address for readers, not of the article's identity:
    // an old or mistyped section redirects to the canonical one.
    if (article.section.slug !== sectionSlug) return c.redirect(article.url, 301);
    const chrome = await chromeOf(c, ctx);
    const meta = articlePageMeta(chrome, article);
    // Free-to-republish articles carry their package in the republishing dialog (built once per generation), with copy buttons.
    const ccPackage = article.licensingPolicy === 'cc' ? await ccPackageOf(ctx, article.id) : null;
    return htmlPage(c, ctx, <ArticlePage chrome={chrome} article={article} meta={meta} ccPackage={ccPackage} />, { language, readerScripts: ccPackage !== null });
  });
}
