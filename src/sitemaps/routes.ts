/** robots.txt, the sitemap index, month sitemaps and the Google News sitemap. */
import type { Hono } from 'hono';
import type { AppContext, AppEnv } from '../app-context.ts';

/** Registers the routes. */
export function registerSitemapRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  void app;
  void ctx;
}
