/** Creative Commons republishing page, tracking pixels and token-authenticated partner feeds. */
import type { Hono } from 'hono';
import type { AppContext, AppEnv } from '../app-context.ts';

/** Registers the routes. */
export function registerRepublishRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  void app;
  void ctx;
}
