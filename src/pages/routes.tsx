/** Static pages (About, policies, Contact) and the site-wide corrections page. */
import { raw } from '../site/jsx/jsx-runtime.ts';
import type { Hono } from 'hono';
import type { AppContext, AppEnv } from '../app-context.ts';
import { bodyLabels } from '../articles/views/article-page.tsx';
import type { BodyDocument } from '../articles/body/document.ts';
import { collectImageIds, renderBodyHtml } from '../articles/body/render.ts';
import { getInEveryEdition, isSlug } from '../http/editions.ts';
import { errorPage } from '../http/errors.tsx';
import { chromeOf } from '../http/page-context.ts';
import { htmlPage } from '../http/respond.ts';
import { loadImages } from '../media/image-queries.ts';
import { parseStoredJson } from '../shared/json.ts';
import { Time } from '../site/components.tsx';
import { Layout } from '../site/layout.tsx';
import { articleUrl, correctionsUrl, staticPageUrl } from '../site/urls.ts';

const CORRECTIONS_SHOWN = 100;

/** Registers `/pages/:slug` and `/corrections` in every edition. */
export function registerPageRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  getInEveryEdition(app, '/pages/:slug', async (c) => {
    const slug = c.req.param('slug');
    const language = c.get('language');
    if (!isSlug(slug)) return errorPage(c, ctx, 404);
    const page = await ctx.db.selectFrom('static_pages').selectAll().where('slug', '=', slug).where('language', '=', language).executeTakeFirst();
    if (!page) return errorPage(c, ctx, 404);
    const body = parseStoredJson<BodyDocument>(page.body, { type: 'doc', content: [] });
    const [chrome, images] = await Promise.all([chromeOf(c, ctx), loadImages(ctx.db, collectImageIds(body))]);
    const translations = await ctx.db.selectFrom('static_pages').select('language').where('slug', '=', slug).where('language', '!=', language).execute();
    const path = staticPageUrl(language, slug);
    const html = renderBodyHtml(body, { images, articleLinks: new Map(), labels: bodyLabels(chrome.t) });
    const alternates = translations.length > 0 ? [{ language, path }, ...translations.map((t) => ({ language: t.language, path: staticPageUrl(t.language, slug) }))] : [];
    return htmlPage(
      c,
      ctx,
      <Layout chrome={chrome} meta={{ title: page.title, canonicalPath: path, alternates, openGraph: [['og:type', 'website'], ['og:title', page.title]] }}>
        <article class="static-page">
          <h1>{page.title}</h1>
          <div class="article__body">{raw(html)}</div>
        </article>
      </Layout>,
      { language },
    );
  });

  getInEveryEdition(app, '/corrections', async (c) => {
    const language = c.get('language');
    const [chrome, rows] = await Promise.all([
      chromeOf(c, ctx),
      ctx.db
        .selectFrom('article_corrections')
        .innerJoin('articles', 'articles.id', 'article_corrections.article_id')
        .innerJoin('sections', 'sections.id', 'articles.section_id')
        .select(['article_corrections.kind', 'article_corrections.body', 'article_corrections.created_at', 'articles.headline', 'articles.slug', 'articles.language', 'sections.slug as section_slug'])
        .where('articles.status', '=', 'published')
        .where('articles.language', '=', language)
        .orderBy('article_corrections.created_at', 'desc')
        .orderBy('article_corrections.id', 'desc')
        .limit(CORRECTIONS_SHOWN)
        .execute(),
    ]);
    const { t } = chrome;
    const path = correctionsUrl(language);
    return htmlPage(
      c,
      ctx,
      <Layout chrome={chrome} meta={{ title: t.correctionsPageTitle, description: t.correctionsPageIntro, canonicalPath: path }}>
        <div class="listing corrections-page">
          <header class="listing__header">
            <h1>{t.correctionsPageTitle}</h1>
            <p class="listing__intro">{t.correctionsPageIntro}</p>
            <p>
              <a href={staticPageUrl(language, chrome.site.policyPages.corrections)}>{t.correctionsPolicy}</a>
            </p>
          </header>
          {rows.length === 0 ? (
            <p class="empty">{t.noArticles}</p>
          ) : (
            <ol class="corrections-list">
              {rows.map((row) => (
                <li class={`correction correction--${row.kind}`}>
                  <h2 class="corrections-list__headline">
                    <a href={articleUrl(row.language, row.section_slug, row.slug)}>{row.headline}</a>
                  </h2>
                  <p>
                    <strong>{t.correctionKinds[row.kind]}</strong> <Time iso={row.created_at} language={language} />: {row.body}
                  </p>
                </li>
              ))}
            </ol>
          )}
        </div>
      </Layout>,
      { language },
    );
  });
}
