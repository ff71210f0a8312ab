/** Accepting invitations and resetting passwords by emailed, single-use links. */
import type { Hono } from 'hono';
import type { AppContext, AppEnv } from '../app-context.ts';

/** Registers the routes. */
export function registerAccountTokenRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  void app;
  void ctx;
}
