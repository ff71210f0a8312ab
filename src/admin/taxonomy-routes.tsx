/** Sections, tags and authors admin for editors. */
import type { Hono } from 'hono';
import type { AppContext, AppEnv } from '../app-context.ts';

/** Registers the routes. */
export function registerTaxonomyRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  void app;
  void ctx;
}
