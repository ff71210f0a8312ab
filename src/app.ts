/** Builds the HTTP application: every route in order, and the answers to bad requests and failures. */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { sql } from 'kysely';
import type { AppContext, AppEnv } from './app-context.ts';
import { registerAuthRoutes } from './admin/auth-routes.tsx';
import { registerOutboxRoutes } from './admin/outbox-routes.tsx';
import { apiErrorResponse, apiJson, isApiPath, registerApiLimits } from './admin/api-support.ts';
import { registerAccountTokenRoutes } from './admin/account-token-routes.tsx';
import { registerArticleApi } from './admin/articles/article-api.ts';
import { registerArticleAdminPages } from './admin/articles/article-pages.tsx';
import { registerAuditRoutes } from './admin/audit-routes.tsx';
import { registerEditorAssets } from './admin/editor/assets.ts';
import { registerMediaAdminRoutes } from './admin/media-routes.tsx';
import { registerUserRoutes } from './admin/users-routes.tsx';
import { registerTaxonomyRoutes } from './admin/taxonomy-routes.tsx';
import { registerSettingsRoutes } from './admin/settings-routes.tsx';
import { registerArticleRoutes } from './articles/routes.tsx';
import { registerAuthorRoutes } from './authors/routes.tsx';
import { registerHomeRoutes } from './home/routes.tsx';
import { PublicError, errorPage } from './http/errors.tsx';
import { registerMediaRoutes } from './media/routes.ts';
import { registerPageRoutes } from './pages/routes.tsx';
import { registerSectionRoutes } from './sections/routes.tsx';
import type { AssetStore } from './site/assets.ts';
import { registerTagRoutes } from './tags/routes.tsx';
import { registerSearchRoutes } from './search/routes.tsx';
import { registerFeedRoutes } from './feeds/routes.ts';
import { registerSitemapRoutes } from './sitemaps/routes.ts';
import { registerSuggestionRoutes } from './suggest/routes.ts';
import { registerNewsletterRoutes } from './newsletters/public-routes.tsx';
import { registerNewsletterTrackingRoutes } from './newsletters/tracking-routes.ts';
import { registerNewsletterAdminRoutes } from './admin/newsletters/list-routes.tsx';
import { registerIssueAdminRoutes } from './admin/newsletters/issue-routes.tsx';
import { registerSyndicationRequestRoutes } from './syndication/request-routes.tsx';
import { registerRepublishRoutes } from './syndication/republish-routes.tsx';
import { registerRateCardRoutes } from './admin/syndication/rate-card-routes.tsx';
import { registerSyndicationAdminRoutes } from './admin/syndication/queue-routes.tsx';
import { registerPartnerAdminRoutes } from './admin/syndication/partner-routes.tsx';

/** Longest request target the site accepts; longer ones get 414. */
export const MAX_URL_LENGTH = 2048;

/** Creates the Hono app for a context. */
export function buildApp(ctx: AppContext, assets: AssetStore): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.use('*', async (c, next) => {
    c.set('generation', ctx.generation.current());
    c.set('trustProxyHops', ctx.config.trustProxyHops);
    if (c.req.url.length > MAX_URL_LENGTH + 200) return errorPage(c, ctx, 414, 'The address is longer than this site accepts.');
    await next();
    return undefined;
  });

  app.get('/healthz', async (c) => {
    try {
      await sql`select 1`.execute(ctx.db);
      return c.json({ status: 'ok', database: ctx.dialect }, 200, { 'cache-control': 'no-store' });
    } catch {
      return c.json({ status: 'unavailable', database: ctx.dialect }, 503, { 'cache-control': 'no-store' });
    }
  });

  registerApiLimits(app);
  registerAuthRoutes(app, ctx);
  registerAccountTokenRoutes(app, ctx);
  registerOutboxRoutes(app, ctx);
  registerUserRoutes(app, ctx);
  registerAuditRoutes(app, ctx);
  registerTaxonomyRoutes(app, ctx);
  registerSettingsRoutes(app, ctx);
  registerEditorAssets(app, ctx);
  registerMediaAdminRoutes(app, ctx);
  registerArticleApi(app, ctx);
  registerSuggestionRoutes(app, ctx);
  registerArticleAdminPages(app, ctx);
  registerNewsletterAdminRoutes(app, ctx);
  registerIssueAdminRoutes(app, ctx);
  registerRateCardRoutes(app, ctx);
  registerSyndicationAdminRoutes(app, ctx);
  registerPartnerAdminRoutes(app, ctx);
  assets.register(app);
  registerNewsletterRoutes(app, ctx);
  registerNewsletterTrackingRoutes(app, ctx);
  registerSyndicationRequestRoutes(app, ctx);
  registerRepublishRoutes(app, ctx);
  registerMediaRoutes(app, ctx);
  registerAuthorRoutes(app, ctx);
  registerPageRoutes(app, ctx);
  registerSitemapRoutes(app, ctx);
  registerFeedRoutes(app, ctx);
  registerSearchRoutes(app, ctx);
  registerTagRoutes(app, ctx);
  registerHomeRoutes(app, ctx);
  registerArticleRoutes(app, ctx);
  registerSectionRoutes(app, ctx);

  // Any other method on any path is a 405.
  app.all('*', (c) => {
    if (isApiPath(c.req.path)) return apiJson(c, { error: 'not_found', message: 'No such API endpoint.' }, 404);
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return errorPage(c, ctx, 405, `${c.req.method} is not allowed here.`);
    return errorPage(c, ctx, 404);
  });

  app.notFound((c) => errorPage(c, ctx, 404));

  app.onError((error, c) => {
    if (isApiPath(c.req.path)) {
      const answer = apiErrorResponse(c, error);
      if (answer) return answer;
      ctx.logger.error('api request failed', { method: c.req.method, path: c.req.path, error: error.stack ?? String(error) });
      return apiJson(c, { error: 'server', message: 'Something went wrong on our side; nothing was changed.' }, 500);
    }
    if (error instanceof PublicError) return errorPage(c, ctx, error.status, error.message);
    if (error instanceof HTTPException && error.status < 500) return errorPage(c, ctx, error.status, error.message);
    ctx.logger.error('request failed', { method: c.req.method, path: c.req.path, error: error.stack ?? String(error) });
    return errorPage(c, ctx, 500);
  });

  return app;
}
