/** Click redirects and (when switched on) open pixels of newsletter issues. */
import type { Hono } from 'hono';
import type { AppContext, AppEnv } from '../app-context.ts';

/** Registers the routes. */
export function registerNewsletterTrackingRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  void app;
  void ctx;
}
