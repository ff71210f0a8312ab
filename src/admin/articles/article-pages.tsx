/** The article admin pages (lead). */
import type { Hono } from 'hono';
import type { AppContext, AppEnv } from '../../app-context.ts';

/** Registers the routes. */
export function registerArticleAdminPages(app: Hono<AppEnv>, ctx: AppContext): void {
  void app;
  void ctx;
}
