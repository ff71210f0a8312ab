/** The public republishing request form, its instant quote and the requester's view of a request. */
import type { Hono } from 'hono';
import type { AppContext, AppEnv } from '../app-context.ts';

/** Registers the routes. */
export function registerSyndicationRequestRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  void app;
  void ctx;
}
